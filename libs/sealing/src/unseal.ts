import type { KeyObject } from 'node:crypto';
import { encodeStdBase64 } from './base64';
import { combineItemErrors, SealingError, SealingErrorReason, type ItemError } from './errors';
import { hybridDecrypt } from './hybrid';
import { labelFor, SealedSecretsAnnotation } from './scope';
import { checkSealedSecretShape, decodeCiphertextField } from './sealed-secret-shape';
import { renderTemplateData } from './template-data';
import { SEALED_SECRET_API_VERSION, SEALED_SECRET_KIND, type SealedSecret, type Secret } from './types';

/** Options of {@link unsealSecret}. */
export interface UnsealOptions {
  /** Accept the deprecated `spec.data` v1 form (upstream's controller default is true, kubeseal's false). */
  acceptDeprecatedV1Data?: boolean;
}

/**
 * Turns a SealedSecret into the Secret it stands for, trying every key. The label comes from the SealedSecret's
 * own namespace, name and scope annotations, so a strict SealedSecret renamed or moved fails to decrypt. All items
 * are tried and their errors reported together; on any error no Secret is returned (never a partial one).
 */
export function unsealSecret(sealed: SealedSecret, keys: readonly KeyObject[], options: UnsealOptions = {}): Secret {
  checkSealedSecretShape(sealed);
  const meta = sealed.metadata ?? {};
  const label = labelFor(meta);
  let secret: Secret;
  if (sealed.spec?.data === undefined || sealed.spec.data === null) {
    secret = unsealItems(sealed, keys, label);
  } else if (options.acceptDeprecatedV1Data) {
    secret = unsealV1(sealed, keys, label);
  } else {
    throw new SealingError(SealingErrorReason.DeprecatedData, "using deprecated 'data' field, use 'encryptedData' or flip the feature flag");
  }
  secret.metadata = { ...(secret.metadata ?? {}), name: meta.name, namespace: meta.namespace };
  if (sealed.spec.template?.metadata?.annotations?.[SealedSecretsAnnotation.SkipSetOwnerReferences] !== 'true') {
    secret.metadata.ownerReferences = [
      {
        apiVersion: sealed.apiVersion ?? SEALED_SECRET_API_VERSION,
        kind: sealed.kind ?? SEALED_SECRET_KIND,
        name: meta.name ?? '',
        uid: meta.uid ?? '',
        controller: true,
      },
    ];
  }
  return secret;
}

function unsealItems(sealed: SealedSecret, keys: readonly KeyObject[], label: Buffer): Secret {
  const template = sealed.spec.template ?? {};
  // Items as entries: any key is an item, `__proto__` too (an assignment to it would set the prototype).
  const items: [string, Buffer][] = [];
  const errors: ItemError[] = [];
  for (const [key, value] of Object.entries(sealed.spec.encryptedData ?? {})) {
    try {
      items.push([key, hybridDecrypt(keys, decodeCiphertextField(value, `spec.encryptedData.${key}`), label)]);
    } catch (err) {
      const e = err as SealingError;
      errors.push({ item: key, reason: e.reason ?? SealingErrorReason.DecryptFailed, message: e.message });
    }
  }
  const decrypted = Object.fromEntries(items);
  const asText = Object.fromEntries(items.map(([k, v]) => [k, v.toString('utf8')]));
  const rendered = renderTemplateData(template.data ?? {}, asText);
  const failure = combineItemErrors([...errors, ...rendered.errors]);
  if (failure) throw failure;
  const data = Object.fromEntries(Object.entries({ ...decrypted, ...rendered.data }).map(([k, v]) => [k, encodeStdBase64(v)]));
  const secret: Secret = { apiVersion: 'v1', kind: 'Secret', metadata: structuredClone(template.metadata ?? {}), data };
  if (template.type) secret.type = template.type;
  if (template.immutable !== undefined) secret.immutable = template.immutable;
  return secret;
}

function unsealV1(sealed: SealedSecret, keys: readonly KeyObject[], label: Buffer): Secret {
  if (Object.keys(sealed.spec.encryptedData ?? {}).length > 0) {
    throw new SealingError(SealingErrorReason.InvalidInput, "cannot use the field 'encryptedData' and the deprecated field 'data' at the same time");
  }
  const plaintext = hybridDecrypt(keys, decodeCiphertextField(sealed.spec.data!, 'spec.data'), label);
  try {
    const parsed = JSON.parse(plaintext.toString('utf8')) as Secret;
    return { apiVersion: 'v1', kind: 'Secret', metadata: parsed.metadata ?? {}, type: parsed.type, data: parsed.data ?? {} };
  } catch {
    throw new SealingError(SealingErrorReason.InvalidInput, 'failed to decode the deprecated data field: not a Secret');
  }
}
