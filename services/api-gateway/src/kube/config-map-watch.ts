import type { V1ConfigMap } from '@kubernetes/client-node';
import { namedObjectWatcher } from './named-object-watch';

/**
 * Watches one ConfigMap by name and calls `onChange` with its data on every change (and `{}` when it is deleted).
 * Resolves once the first list has arrived; a broken watch is restarted.
 */
export const watchConfigMap = namedObjectWatcher<V1ConfigMap>({
  plural: 'configmaps',
  list: (core, namespace, fieldSelector) => core.listNamespacedConfigMap({ namespace, fieldSelector }),
  dataOf: (cm) => cm.data ?? {},
});
