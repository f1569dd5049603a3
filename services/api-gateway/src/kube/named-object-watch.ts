import { ListWatch, Watch, type KubeConfig, type KubernetesListObject, type KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from '@fjord/platform';

/** A running watch of one object; `stop` ends it. */
export interface NamedObjectWatch {
  stop(): Promise<void>;
}

/** Which object a {@link watchNamedObject} follows and how its data reaches the caller. */
export interface NamedObjectWatchOptions<T extends KubernetesObject> {
  kc: KubeConfig;
  namespace: string;
  name: string;
  /** The collection's plural, as in the URL path (`configmaps`, `secrets`). */
  plural: string;
  /** Lists the collection with the given field selector (the typed client's list call). */
  list: (fieldSelector: string) => Promise<KubernetesListObject<T>>;
  /** The object's data as the caller wants it. */
  dataOf: (obj: T) => Record<string, string>;
  /** Called with the object's data on every change, and with `{}` when it is deleted. */
  onChange: (data: Record<string, string>) => void;
  logger: Logger;
}

/**
 * Watches one object of a core-group collection by name: a field selector, so no other object of the namespace is
 * read. Resolves once the first list has arrived; a broken watch is restarted after a second.
 */
export async function watchNamedObject<T extends KubernetesObject>(o: NamedObjectWatchOptions<T>): Promise<NamedObjectWatch> {
  const fieldSelector = `metadata.name=${o.name}`;
  const informer = new ListWatch<T>(`/api/v1/namespaces/${o.namespace}/${o.plural}`, new Watch(o.kc), () => o.list(fieldSelector), false, undefined, fieldSelector);
  let stopped = false;
  const emit = (obj: T, deleted = false) => {
    if (obj.metadata?.name === o.name) o.onChange(deleted ? {} : o.dataOf(obj));
  };
  informer.on('add', (obj) => emit(obj));
  informer.on('update', (obj) => emit(obj));
  informer.on('delete', (obj) => emit(obj, true));
  informer.on('error', (err: unknown) => {
    if (stopped) return;
    o.logger.warn({ err: (err as Error)?.message ?? String(err), [o.plural]: o.name }, 'watch failed; restarting');
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
