/** Why sealing or unsealing failed: a closed vocabulary, also used as the `reason` of the Synced condition. */
export const SealingErrorReason = {
  /** The input is not a usable Secret, SealedSecret, certificate or key. */
  InvalidInput: 'InvalidInput',
  /** A value is not standard, padded base64. */
  InvalidBase64: 'InvalidBase64',
  /** A value is shorter than its own length prefix says. */
  CiphertextTooShort: 'CiphertextTooShort',
  /** No key could decrypt a value: wrong key, tampered data, or a scope (name/namespace) mismatch. */
  DecryptFailed: 'DecryptFailed',
  /** A `spec.template.data` template failed to parse or execute. */
  TemplateFailed: 'TemplateFailed',
  /** The deprecated `spec.data` form is used where it is not accepted. */
  DeprecatedData: 'DeprecatedData',
  /** The certificate has expired. */
  CertificateExpired: 'CertificateExpired',
  /** There is no sealing key. */
  NoKey: 'NoKey',
  /** Several of the above, for different items. */
  Multiple: 'Multiple',
} as const;
/** One of {@link SealingErrorReason}. */
export type SealingErrorReason = (typeof SealingErrorReason)[keyof typeof SealingErrorReason];

/** An error of the sealing engine. Its message never contains a secret value. */
export class SealingError extends Error {
  override name = 'SealingError';
  constructor(
    readonly reason: SealingErrorReason,
    message: string,
    /** The item keys (of encryptedData or template.data) the error is about, if any. */
    readonly items: readonly string[] = [],
  ) {
    super(message);
  }
}

/** A per-item error, before {@link combineItemErrors} groups them. */
export interface ItemError {
  item: string;
  reason: SealingErrorReason;
  message: string;
}

/**
 * Groups per-item errors the way upstream reports them: identical messages merged with their item keys,
 * e.g. `no key could decrypt secret (foo, bar)`; distinct messages joined with "; ".
 */
export function combineItemErrors(errors: readonly ItemError[]): SealingError | undefined {
  if (errors.length === 0) return undefined;
  const byMessage = new Map<string, { reason: SealingErrorReason; items: string[] }>();
  for (const e of errors) {
    const group = byMessage.get(e.message) ?? { reason: e.reason, items: [] };
    group.items.push(e.item);
    byMessage.set(e.message, group);
  }
  const parts = [...byMessage].map(([message, g]) => `${message} (${[...g.items].sort().join(', ')})`);
  const reasons = new Set([...byMessage.values()].map((g) => g.reason));
  const reason = reasons.size === 1 ? [...reasons][0] : SealingErrorReason.Multiple;
  return new SealingError(reason, parts.join('; '), errors.map((e) => e.item).sort());
}

/** Replaces every occurrence of a secret value (3 characters or longer) in a message by `[redacted]`. */
export function redactValues(message: string, values: Iterable<string>): string {
  let out = message;
  const sorted = [...values].filter((v) => v.length >= 3).sort((a, b) => b.length - a.length);
  for (const value of sorted) out = out.split(value).join('[redacted]');
  return out;
}
