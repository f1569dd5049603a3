import { SealedSecretsAnnotation } from './scope';
import type { ObjectMeta, Secret } from './types';

/** What to do with the cluster's Secret after an unseal: a closed vocabulary. */
export const SecretWriteAction = {
  Create: 'create',
  Update: 'update',
  Unchanged: 'unchanged',
  /** The Secret exists and is not ours to overwrite. */
  Refuse: 'refuse',
} as const;
/** One of {@link SecretWriteAction}. */
export type SecretWriteAction = (typeof SecretWriteAction)[keyof typeof SecretWriteAction];

/** The plan for the Secret: the object to create or update (based on the live one), or why not. */
export interface SecretWritePlan {
  action: SecretWriteAction;
  secret?: Secret;
  message?: string;
}

const isTrue = (meta: ObjectMeta | undefined, annotation: string) => meta?.annotations?.[annotation] === 'true';

/** True when the Secret has a controller ownerReference to the object with this uid. */
export function isControlledBy(secret: Secret, ownerUid: string | undefined): boolean {
  return !!ownerUid && (secret.metadata?.ownerReferences ?? []).some((r) => r.controller === true && r.uid === ownerUid);
}

/**
 * Decides how to write an unsealed Secret given the live one, with upstream's rules: create when absent; refuse
 * when it exists and is neither controlled by this SealedSecret nor annotated `managed` or `patch`; with `patch`,
 * merge data, labels and annotations (ownerReferences only when also `managed`); otherwise replace data, labels,
 * annotations and ownerReferences. Type is always set. `unchanged` when the result equals the live Secret.
 */
export function planSecretWrite(live: Secret | undefined, desired: Secret, ownerUid: string | undefined): SecretWritePlan {
  if (!live) return { action: SecretWriteAction.Create, secret: desired };
  const liveMeta = live.metadata ?? {};
  if (!isControlledBy(live, ownerUid) && !isTrue(liveMeta, SealedSecretsAnnotation.Managed) && !isTrue(liveMeta, SealedSecretsAnnotation.Patch)) {
    return {
      action: SecretWriteAction.Refuse,
      message: `Resource "${liveMeta.name ?? ''}" already exists and is not managed by SealedSecret`,
    };
  }
  const next: Secret = structuredClone(live);
  const meta = (next.metadata ??= {});
  const want = desired.metadata ?? {};
  if (isTrue(liveMeta, SealedSecretsAnnotation.Patch)) {
    next.data = { ...(next.data ?? {}), ...(desired.data ?? {}) };
    meta.labels = { ...(meta.labels ?? {}), ...(want.labels ?? {}) };
    meta.annotations = { ...(meta.annotations ?? {}), ...(want.annotations ?? {}) };
    if (isTrue(liveMeta, SealedSecretsAnnotation.Managed)) meta.ownerReferences = want.ownerReferences;
  } else {
    next.data = desired.data;
    meta.labels = want.labels;
    meta.annotations = want.annotations;
    meta.ownerReferences = want.ownerReferences;
  }
  next.type = desired.type ?? live.type;
  return sameSecret(live, next) ? { action: SecretWriteAction.Unchanged } : { action: SecretWriteAction.Update, secret: next };
}

function canonical(value: unknown): string {
  if (value === undefined || value === null) return '{}';
  if (Array.isArray(value)) return value.length === 0 ? '{}' : `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    return `{${entries
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`)
      .join(',')}}`;
  }
  return JSON.stringify(value);
}

function sameSecret(a: Secret, b: Secret): boolean {
  const pick = (s: Secret) => ({
    data: s.data,
    type: s.type ?? 'Opaque',
    labels: s.metadata?.labels,
    annotations: s.metadata?.annotations,
    ownerReferences: s.metadata?.ownerReferences,
  });
  return canonical(pick(a)) === canonical(pick(b));
}
