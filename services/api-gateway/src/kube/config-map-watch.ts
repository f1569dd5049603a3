import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '@fjord/platform';
import { watchNamedObject, type NamedObjectWatch } from './named-object-watch';

/**
 * Watches one ConfigMap by name and calls `onChange` with its data on every change (and `{}` when it is deleted).
 * Resolves once the first list has arrived; a broken watch is restarted.
 */
export function watchConfigMap(
  kc: KubeConfig,
  namespace: string,
  name: string,
  onChange: (data: Record<string, string>) => void,
  logger: Logger,
): Promise<NamedObjectWatch> {
  const core = kc.makeApiClient(CoreV1Api);
  return watchNamedObject({
    kc, namespace, name, plural: 'configmaps', onChange, logger,
    list: (fieldSelector) => core.listNamespacedConfigMap({ namespace, fieldSelector }),
    dataOf: (cm) => cm.data ?? {},
  });
}
