import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '@fjord/platform';
import { watchNamedObject, type NamedObjectWatch } from './named-object-watch';

/**
 * Watches one Secret by name (a field selector, so other Secrets of the namespace are never read) and calls
 * `onChange` with its decoded data on every change (and `{}` when it is deleted). Resolves once the first list has
 * arrived; a broken watch is restarted. The values stay in the gateway: callers must never log or return them.
 */
export function watchSecret(
  kc: KubeConfig,
  namespace: string,
  name: string,
  onChange: (data: Record<string, string>) => void,
  logger: Logger,
): Promise<NamedObjectWatch> {
  const core = kc.makeApiClient(CoreV1Api);
  return watchNamedObject({
    kc, namespace, name, plural: 'secrets', onChange, logger,
    list: (fieldSelector) => core.listNamespacedSecret({ namespace, fieldSelector }),
    dataOf: (secret) => Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')])),
  });
}
