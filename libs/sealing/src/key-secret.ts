import type { KeyObject } from 'node:crypto';
import { decodeStdBase64, encodeStdBase64 } from './base64';
import { SealingError, SealingErrorReason } from './errors';
import { parsePrivateKey, privateKeyPem, sealingKeyFromPem, type SealingKey } from './keys';
import { parseObjects } from './manifest';
import type { Secret } from './types';

/** The label that marks a Secret as a sealing key; only the value `active` is used. */
export const KEY_LABEL = 'sealedsecrets.bitnami.com/sealed-secrets-key';
/** The value of {@link KEY_LABEL} on usable keys (anything else, e.g. `compromised`, is ignored). */
export const KEY_LABEL_ACTIVE = 'active';
/** Label selector that finds sealing keys. */
export const KEY_SELECTOR = `${KEY_LABEL}=${KEY_LABEL_ACTIVE}`;
/** Upstream's default name prefix of key Secrets (`--key-prefix`). */
export const DEFAULT_KEY_PREFIX = 'sealed-secrets-key';
/** The Secret type key Secrets have. */
export const TLS_SECRET_TYPE = 'kubernetes.io/tls';

/** Options of {@link keySecretManifest}. */
export interface KeySecretOptions {
  namespace: string;
  prefix?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** The Secret that stores a key as upstream stores it: kubernetes.io/tls, PKCS#1 tls.key, tls.crt, generateName. */
export function keySecretManifest(key: SealingKey, options: KeySecretOptions): Secret {
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      generateName: options.prefix ?? DEFAULT_KEY_PREFIX,
      namespace: options.namespace,
      labels: { ...(options.labels ?? {}), [KEY_LABEL]: KEY_LABEL_ACTIVE },
      ...(options.annotations ? { annotations: options.annotations } : {}),
    },
    type: TLS_SECRET_TYPE,
    data: {
      'tls.crt': encodeStdBase64(Buffer.from(key.certificatePem)),
      'tls.key': encodeStdBase64(Buffer.from(privateKeyPem(key.privateKey))),
    },
  };
}

/** Reads a key Secret (tls.key + tls.crt). The error names the Secret, never its content. */
export function sealingKeyFromSecret(secret: Secret): SealingKey {
  const name = secret.metadata?.name ?? '(unnamed)';
  const key = secret.data?.['tls.key'];
  const crt = secret.data?.['tls.crt'];
  if (!key || !crt) throw new SealingError(SealingErrorReason.InvalidInput, `key Secret ${name} lacks tls.key or tls.crt`);
  try {
    return sealingKeyFromPem(decodeStdBase64(key), decodeStdBase64(crt));
  } catch (err) {
    throw new SealingError(SealingErrorReason.InvalidInput, `failed to read key Secret ${name}: ${(err as Error).message}`);
  }
}

/**
 * Reads the private keys of a recovery file as kubeseal `--recovery-private-key` accepts it: a PEM private key, a
 * key Secret (JSON or YAML), or a List of them (`kubectl get secret -l … -o yaml`).
 */
export function privateKeysFromBackup(text: string): KeyObject[] {
  if (text.includes('-----BEGIN')) return [parsePrivateKey(text)];
  const keys: KeyObject[] = [];
  for (const object of parseObjects(text)) {
    const items = Array.isArray(object.items) ? (object.items as Secret[]) : [object as Secret];
    for (const item of items) {
      const pem = item.data?.['tls.key'];
      if (pem) keys.push(parsePrivateKey(decodeStdBase64(pem)));
    }
  }
  if (keys.length === 0) throw new SealingError(SealingErrorReason.NoKey, 'no private key found in the recovery file');
  return keys;
}
