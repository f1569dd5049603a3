import { CoreV1Api, makeInformer, type Informer, type KubeConfig, type V1ConfigMap } from '@kubernetes/client-node';
import type { Logger } from '@fjord/platform';

/**
 * Watches one ConfigMap by name and calls `onChange` with its data on every change (and `{}` when it is deleted).
 * Resolves once the first list has arrived; a broken watch is restarted.
 */
export async function watchConfigMap(
  kc: KubeConfig,
  namespace: string,
  name: string,
  onChange: (data: Record<string, string>) => void,
  logger: Logger,
): Promise<{ stop(): Promise<void> }> {
  const core = kc.makeApiClient(CoreV1Api);
  const informer: Informer<V1ConfigMap> = makeInformer(kc, `/api/v1/namespaces/${namespace}/configmaps`, () =>
    core.listNamespacedConfigMap({ namespace }),
  );
  let stopped = false;
  const emit = (cm: V1ConfigMap, deleted = false) => {
    if (cm.metadata?.name === name) onChange(deleted ? {} : (cm.data ?? {}));
  };
  informer.on('add', (cm) => emit(cm));
  informer.on('update', (cm) => emit(cm));
  informer.on('delete', (cm) => emit(cm, true));
  informer.on('error', (err: unknown) => {
    if (stopped) return;
    logger.warn({ err: (err as Error)?.message ?? String(err), configMap: name }, 'ConfigMap watch failed; restarting');
    setTimeout(() => void informer.start().catch(() => undefined), 1000).unref();
  });
  await informer.start();
  return {
    async stop() {
      stopped = true;
      await informer.stop();
    },
  };
}
