import { CoreV1Api, ListWatch, Watch, type KubeConfig, type KubernetesListObject, type KubernetesObject } from '@kubernetes/client-node';
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
  const informer = new ListWatch<T>(
    `/api/v1/namespaces/${o.namespace}/${o.plural}`,
    new Watch(o.kc),
    () => o.list(fieldSelector),
    false,
    undefined,
    fieldSelector,
  );
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

/** What differs between the kinds a named-object watch follows: the collection, its list call and its data. */
export interface NamedObjectKind<T extends KubernetesObject> {
  plural: string;
  list: (core: CoreV1Api, namespace: string, fieldSelector: string) => Promise<KubernetesListObject<T>>;
  dataOf: (obj: T) => Record<string, string>;
}

/** Watches one object by name and calls `onChange` with its data on every change (and `{}` when it is deleted). */
export type NamedObjectWatcher = (
  kc: KubeConfig,
  namespace: string,
  name: string,
  onChange: (data: Record<string, string>) => void,
  logger: Logger,
) => Promise<NamedObjectWatch>;

/** The watcher of one kind: each watch makes its typed client and follows the object with {@link watchNamedObject}. */
export function namedObjectWatcher<T extends KubernetesObject>(kind: NamedObjectKind<T>): NamedObjectWatcher {
  return (kc, namespace, name, onChange, logger) => {
    const core = kc.makeApiClient(CoreV1Api);
    const list = (fieldSelector: string) => kind.list(core, namespace, fieldSelector);
    return watchNamedObject({ kc, namespace, name, plural: kind.plural, list, dataOf: kind.dataOf, onChange, logger });
  };
}
