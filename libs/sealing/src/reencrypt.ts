import type { KeyObject } from 'node:crypto';
import { encodeStdBase64 } from './base64';
import { combineItemErrors, SealingErrorReason, type ItemError, type SealingError } from './errors';
import { hybridDecrypt, hybridEncrypt } from './hybrid';
import { labelFor } from './scope';
import { checkSealedSecretShape, decodeCiphertextField } from './sealed-secret-shape';
import type { SealedSecret, Secret } from './types';
import { unsealSecret, type UnsealOptions } from './unseal';

/**
 * Re-encrypts every encryptedData item with `publicKey` (the latest key) under the same label, keeping the
 * template (metadata, type, data templates) as it is. Upstream's /v1/rotate goes through a full unseal and
 * re-seal, which turns templated values into encryptedData; keeping templates is the only difference.
 */
export function reencryptSealedSecret(sealed: SealedSecret, privateKeys: readonly KeyObject[], publicKey: KeyObject): SealedSecret {
  checkSealedSecretShape(sealed);
  const label = labelFor(sealed.metadata);
  const reencrypted: [string, string][] = [];
  const errors: ItemError[] = [];
  for (const [key, value] of Object.entries(sealed.spec.encryptedData ?? {})) {
    try {
      const plaintext = hybridDecrypt(privateKeys, decodeCiphertextField(value, `spec.encryptedData.${key}`), label);
      reencrypted.push([key, encodeStdBase64(hybridEncrypt(publicKey, plaintext, label))]);
    } catch (err) {
      const e = err as SealingError;
      errors.push({ item: key, reason: e.reason ?? SealingErrorReason.DecryptFailed, message: e.message });
    }
  }
  const failure = combineItemErrors(errors);
  if (failure) throw failure;
  const out: SealedSecret = structuredClone(sealed);
  delete out.status;
  out.spec.encryptedData = Object.fromEntries(reencrypted);
  return out;
}

/** The result of {@link verifySealedSecret}. */
export interface VerifyResult {
  valid: boolean;
  /** Empty when valid; the (value-free) reason otherwise. */
  message: string;
  reason?: SealingErrorReason;
}

/** Checks that a SealedSecret unseals with one of the keys (templates included), without returning any value. */
export function verifySealedSecret(sealed: SealedSecret, privateKeys: readonly KeyObject[], options: UnsealOptions = {}): VerifyResult {
  try {
    unsealSecret(sealed, privateKeys, options);
    return { valid: true, message: '' };
  } catch (err) {
    const e = err as SealingError;
    return { valid: false, message: e.message, reason: e.reason ?? SealingErrorReason.InvalidInput };
  }
}

/** A copy of a Secret with every data and stringData value replaced by `[redacted]`, safe to log. */
export function redactSecret(secret: Secret): Secret {
  const hide = (m?: Record<string, string>) => (m ? Object.fromEntries(Object.keys(m).map((k) => [k, '[redacted]'])) : undefined);
  const out: Secret = { ...secret, metadata: secret.metadata };
  if (secret.data) out.data = hide(secret.data);
  if (secret.stringData) out.stringData = hide(secret.stringData);
  return out;
}
