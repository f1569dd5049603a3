import { DEFAULT_KEY_PREFIX, KEY_SELECTOR, keySecretManifest, type SealingKey, type Secret } from '@fjord/sealing';
import type { V1Secret } from '@kubernetes/client-node';
import { isNotFound, type KubeClients } from './kube-client';

/** Where sealing keys live: `kubernetes.io/tls` Secrets labelled active in the service's namespace, as upstream. */
export interface KeyStoreOptions {
  namespace: string;
  prefix?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** Reads and writes key Secrets. Only this file and the key manager ever touch private keys. */
export class KeyStore {
  constructor(
    private readonly clients: KubeClients,
    private readonly options: KeyStoreOptions,
  ) {}

  /** The key Secrets: every Secret labelled active, plus a legacy (pre-0.9) Secret named exactly the prefix. */
  async list(): Promise<Secret[]> {
    const { namespace } = this.options;
    const labelled = await this.clients.core.listNamespacedSecret({ namespace, labelSelector: KEY_SELECTOR });
    const out = labelled.items.map(toSecret);
    const legacyName = this.options.prefix ?? DEFAULT_KEY_PREFIX;
    if (!out.some((s) => s.metadata?.name === legacyName)) {
      try {
        out.push(toSecret(await this.clients.core.readNamespacedSecret({ namespace, name: legacyName })));
      } catch (err) {
        if (!isNotFound(err)) throw err;
      }
    }
    return out;
  }

  /** Stores a new key; returns the created Secret (its generated name and creationTimestamp). */
  async create(key: SealingKey): Promise<Secret> {
    const body = keySecretManifest(key, this.options) as V1Secret;
    return toSecret(await this.clients.core.createNamespacedSecret({ namespace: this.options.namespace, body }));
  }
}

/** Converts the client's V1Secret (whose timestamps are Dates) to the JSON wire form the sealing engine reads. */
export function toSecret(secret: V1Secret): Secret {
  const meta = secret.metadata ?? {};
  const created = meta.creationTimestamp as unknown;
  return {
    ...(secret as Secret),
    metadata: {
      ...(meta as Secret['metadata']),
      creationTimestamp: created instanceof Date ? created.toISOString() : (created as string | undefined),
    },
  } as Secret;
}
