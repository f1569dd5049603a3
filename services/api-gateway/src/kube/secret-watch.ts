import { CoreV1Api, ListWatch, Watch, type KubeConfig, type V1Secret } from '@kubernetes/client-node';
import type { Logger } from '@fjord/platform';

/**
 * Watches one Secret by name (a field selector, so other Secrets of the namespace are never read) and calls
 * `onChange` with its decoded data on every change (and `{}` when it is deleted). Resolves once the first list has
 * arrived; a broken watch is restarted. The values stay in the gateway: callers must never log or return them.
 */
export async function watchSecret(
  kc: KubeConfig,
  namespace: string,
  name: string,
  onChange: (data: Record<string, string>) => void,
  logger: Logger,
): Promise<{ stop(): Promise<void> }> {
  const core = kc.makeApiClient(CoreV1Api);
  const fieldSelector = `metadata.name=${name}`;
  const informer = new ListWatch<V1Secret>(
    `/api/v1/namespaces/${namespace}/secrets`,
    new Watch(kc),
    () => core.listNamespacedSecret({ namespace, fieldSelector }),
    false,
    undefined,
    fieldSelector,
  );
  let stopped = false;
  const decode = (secret: V1Secret) =>
    Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));
  const emit = (secret: V1Secret, deleted = false) => {
    if (secret.metadata?.name === name) onChange(deleted ? {} : decode(secret));
  };
  informer.on('add', (s) => emit(s));
  informer.on('update', (s) => emit(s));
  informer.on('delete', (s) => emit(s, true));
  informer.on('error', (err: unknown) => {
    if (stopped) return;
    logger.warn({ err: (err as Error)?.message ?? String(err), secret: name }, 'Secret watch failed; restarting');
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
