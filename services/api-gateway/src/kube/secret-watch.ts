import type { V1Secret } from '@kubernetes/client-node';
import { namedObjectWatcher } from './named-object-watch';

/**
 * Watches one Secret by name (a field selector, so other Secrets of the namespace are never read) and calls
 * `onChange` with its decoded data on every change (and `{}` when it is deleted). Resolves once the first list has
 * arrived; a broken watch is restarted. The values stay in the gateway: callers must never log or return them.
 */
export const watchSecret = namedObjectWatcher<V1Secret>({
  plural: 'secrets',
  list: (core, namespace, fieldSelector) => core.listNamespacedSecret({ namespace, fieldSelector }),
  dataOf: (secret) => Object.fromEntries(Object.entries(secret.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')])),
});
