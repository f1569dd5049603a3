import { KEY_SELECTOR, type SealedSecret, type Secret } from '@fjord/sealing';
import { makeInformer, type Informer, type KubernetesObject, type V1Secret } from '@kubernetes/client-node';
import type { Logger } from '@fjord/platform';
import { SEALED_SECRETS, type KubeClients } from './kube-client';
import { toSecret } from './key-store';

type Stoppable = Pick<Informer<KubernetesObject>, 'start' | 'stop' | 'on'>;

/** What the watches feed. */
export interface WatchTargets {
  /** Queue a SealedSecret by `namespace/name`. */
  enqueue(key: string): void;
  /** A key Secret appeared (a restored backup, or another replica's new key). */
  keySecretAdded(secret: Secret): void;
}

/** Options of {@link startWatches}. */
export interface WatchOptions {
  /** Namespace to watch SealedSecrets and Secrets in; empty for all namespaces. */
  watchNamespace: string;
  /** The service's own namespace, where key Secrets live. */
  keyNamespace: string;
}

const keyOf = (o: KubernetesObject) => `${o.metadata?.namespace}/${o.metadata?.name}`;

/**
 * Starts the informers: SealedSecrets (queued on add, on a spec change, and on delete), Secrets (a deleted Secret
 * owned by a SealedSecret queues its owner, so it is re-created), and key Secrets. Restarts a watch that errors.
 */
export async function startWatches(clients: KubeClients, targets: WatchTargets, options: WatchOptions, logger: Logger): Promise<() => Promise<void>> {
  const ns = options.watchNamespace;
  const ssPath = ns ? `/apis/bitnami.com/v1alpha1/namespaces/${ns}/sealedsecrets` : '/apis/bitnami.com/v1alpha1/sealedsecrets';
  const sealed = makeInformer<KubernetesObject>(clients.kc, ssPath, () =>
    ns ? clients.custom.listNamespacedCustomObject({ ...SEALED_SECRETS, namespace: ns }) : clients.custom.listClusterCustomObject({ ...SEALED_SECRETS }),
  );
  const specs = new Map<string, string>();
  const onSealed = (o: KubernetesObject) => {
    const spec = JSON.stringify((o as unknown as SealedSecret).spec ?? {});
    if (specs.get(keyOf(o)) === spec) return; // metadata- or status-only change
    specs.set(keyOf(o), spec);
    targets.enqueue(keyOf(o));
  };
  sealed.on('add', onSealed);
  sealed.on('update', onSealed);
  sealed.on('delete', (o) => {
    specs.delete(keyOf(o));
    targets.enqueue(keyOf(o));
  });

  const secretsPath = ns ? `/api/v1/namespaces/${ns}/secrets` : '/api/v1/secrets';
  const secrets = makeInformer<V1Secret>(clients.kc, secretsPath, () =>
    ns ? clients.core.listNamespacedSecret({ namespace: ns }) : clients.core.listSecretForAllNamespaces(),
  );
  secrets.on('delete', (s) => {
    const owner = s.metadata?.ownerReferences?.find((r) => r.controller && r.kind === 'SealedSecret');
    if (owner) targets.enqueue(`${s.metadata?.namespace}/${owner.name}`);
  });

  const keys = makeInformer<V1Secret>(
    clients.kc,
    `/api/v1/namespaces/${options.keyNamespace}/secrets`,
    () => clients.core.listNamespacedSecret({ namespace: options.keyNamespace, labelSelector: KEY_SELECTOR }),
    KEY_SELECTOR,
  );
  keys.on('add', (s) => targets.keySecretAdded(toSecret(s)));

  const informers: Stoppable[] = [keys, sealed, secrets];
  let stopped = false;
  for (const informer of informers) {
    informer.on('error', (err: unknown) => {
      if (stopped) return;
      logger.warn({ err: (err as Error)?.message }, 'watch failed; restarting in 1s');
      setTimeout(() => void (stopped ? undefined : informer.start().catch(() => undefined)), 1000).unref();
    });
    await informer.start();
  }
  return async () => {
    stopped = true;
    for (const informer of informers) await informer.stop();
  };
}
