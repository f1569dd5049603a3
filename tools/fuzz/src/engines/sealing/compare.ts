/**
 * What the sealing fuzzer checks for one case, given what kubeseal answered:
 * - Fjord and kubeseal both seal the Secret, or both refuse it;
 * - the two SealedSecrets are the same but for the ciphertexts (metadata, scope annotations, template, item keys);
 * - Fjord unseals kubeseal's SealedSecret into the Secret's items;
 * - kubeseal unseals Fjord's SealedSecret into the Secret's items, and into the very Secret Fjord's unseal makes.
 */
import type { KeyObject } from 'node:crypto';
import { formatObject, OutputFormat, parseSingleObject, sealSecret, unsealSecret, type SealedSecret, type Secret } from '@fjord/sealing';
import { expectedItems, secretText, type SealingCase } from './case';
import type { KubesealAnswer } from './kubeseal';

/** Fjord's side of a case: its SealedSecret (or why it refused), sealed to kubeseal's certificate. */
export type FjordSeal = { object: SealedSecret; text: string } | { error: string };

/**
 * Seals a case as `fjord seal` does what `kubeseal --cert` is asked: reads the Secret's text, seals it (the scope
 * from its annotations, or as `--scope`) and prints the SealedSecret in the case's format.
 */
export function fjordSeal(c: SealingCase, publicKey: KeyObject): FjordSeal {
  try {
    const secret = parseSingleObject<Secret>(secretText(c), 'Secret');
    const object = sealSecret(secret, publicKey, c.scopeBy === 'flag' ? { scope: c.scope } : {});
    return { object, text: formatObject(object, c.format === 'json' ? OutputFormat.Json : OutputFormat.Yaml) };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** JSON with object keys sorted, so that field order does not count. */
export function canonical(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) =>
    x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : x,
  );
}

/** A SealedSecret with each ciphertext replaced by a marker: what must be equal whoever sealed it. */
function withoutCiphertexts(ss: SealedSecret): unknown {
  const encryptedData = Object.fromEntries(Object.keys(ss.spec?.encryptedData ?? {}).map((k) => [k, '<ciphertext>']));
  return { ...ss, spec: { ...ss.spec, encryptedData } };
}

/**
 * kubeseal's Secret as the API server would store it: Go prints an empty item (a nil []byte) as `null`, which the
 * API server reads as an empty value, the `""` Fjord writes.
 */
function asStored(secret: Secret): Secret {
  if (!secret.data) return secret;
  return { ...secret, data: Object.fromEntries(Object.entries(secret.data).map(([k, v]) => [k, v ?? ''])) };
}

/** Long values shortened for a report line. */
export function show(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (typeof x === 'string' && x.length > 120 ? `${x.slice(0, 60)}…(${x.length} chars)` : x));
}

/** The data items of an unsealed Secret, or its error, as a line. */
function items(unseal: () => Secret): { items?: Record<string, string>; error?: string } {
  try {
    return { items: unseal().data ?? {} };
  } catch (err) {
    return { error: (err as Error).message };
  }
}

/** What one case gave: the differences (a line each, empty when Fjord and kubeseal agree) and its classes. */
export interface CaseResult {
  differences: string[];
  classes: string[];
}

/**
 * Compares a case. `kubesealSealed` is kubeseal's SealedSecret of the case; `kubesealUnsealed` is kubeseal's
 * unseal of Fjord's SealedSecret (absent when Fjord refused to seal).
 */
export function compareCase(
  c: SealingCase,
  key: { privateKey: KeyObject },
  fjord: FjordSeal,
  kubesealSealed: KubesealAnswer<SealedSecret>,
  kubesealUnsealed: KubesealAnswer<Secret> | undefined,
): CaseResult {
  const differences: string[] = [];
  const classes = [`scope ${c.scope} by ${c.scopeBy}`, `format ${c.format}`];
  if ('error' in fjord || 'error' in kubesealSealed) {
    const side = (a: { error: string } | object) => ('error' in a ? `error: ${a.error}` : 'sealed');
    if ('error' in fjord && 'error' in kubesealSealed) classes.push('refused by both');
    else differences.push(`seal: kubeseal ${side(kubesealSealed)}; fjord ${side(fjord)}`);
    return { differences, classes };
  }
  const fjordShape = canonical(withoutCiphertexts(fjord.object));
  const kubesealShape = canonical(withoutCiphertexts(kubesealSealed.object));
  if (fjordShape !== kubesealShape) differences.push(`sealed by kubeseal: ${kubesealShape}\nsealed by fjord:    ${fjordShape}`);

  // What each side read from the text shows in what the other unseals. From JSON, that is the Secret's items; from
  // YAML, whatever Go reads (`yes` is "true"), so there the two sides are compared with each other.
  const fjordOfKubeseal = items(() => unsealSecret(kubesealSealed.object, [key.privateKey]));
  if (!kubesealUnsealed) throw new Error('no kubeseal unseal of a SealedSecret Fjord made');
  if ('error' in kubesealUnsealed) {
    differences.push(`kubeseal could not unseal fjord's SealedSecret: ${kubesealUnsealed.error}`);
    return { differences, classes };
  }
  const kubesealSecret = asStored(kubesealUnsealed.object);
  if (c.format === 'json') {
    const want = canonical(expectedItems(c.secret));
    if (fjordOfKubeseal.error !== undefined || canonical(fjordOfKubeseal.items) !== want) {
      differences.push(`fjord unsealed kubeseal's SealedSecret into ${fjordOfKubeseal.error ?? show(fjordOfKubeseal.items)}; want ${show(JSON.parse(want))}`);
    }
    if (canonical(kubesealSecret.data ?? {}) !== want) {
      differences.push(`kubeseal unsealed fjord's SealedSecret into ${show(kubesealSecret.data ?? {})}; want ${show(JSON.parse(want))}`);
    }
  } else if (fjordOfKubeseal.error !== undefined || canonical(fjordOfKubeseal.items) !== canonical(kubesealSecret.data ?? {})) {
    const goRead = fjordOfKubeseal.error ?? show(fjordOfKubeseal.items);
    differences.push(`items read from the YAML: by kubeseal ${goRead}\n                           by fjord    ${show(kubesealSecret.data ?? {})}`);
  }
  const fjordSecret = unsealSecret(fjord.object, [key.privateKey]);
  if (canonical(fjordSecret) !== canonical(kubesealSecret)) {
    differences.push(`unsealed by kubeseal: ${show(kubesealSecret)}\nunsealed by fjord:    ${show(fjordSecret)}`);
  }
  const secret = c.secret;
  const sizes = Object.values(expectedItems(secret)).map((v) => Buffer.from(v, 'base64').length);
  if (sizes.some((n) => n === 0)) classes.push('empty item');
  if (sizes.some((n) => n >= 1000)) classes.push('long item');
  if (secret.data && secret.stringData && Object.keys(secret.data).some((k) => Object.hasOwn(secret.stringData!, k)))
    classes.push('key in data and stringData');
  if (Object.values(secret.stringData ?? {}).some((v) => /[^\x20-\x7e]/.test(v))) classes.push('non-ASCII stringData');
  if (!/^[a-z0-9.-]+$/.test(`${secret.metadata?.name}${secret.metadata?.namespace}`)) classes.push('odd name or namespace');
  if (secret.metadata?.labels) classes.push('labels');
  if (secret.metadata?.annotations) classes.push('annotations');
  if (secret.type !== undefined) classes.push(`type ${secret.type || '(empty)'}`);
  if (secret.immutable !== undefined) classes.push('immutable set');
  return { differences, classes };
}
