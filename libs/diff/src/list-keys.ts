import { isObject, type Json } from './json';

/**
 * Merge keys of Kubernetes lists that are maps in disguise (the patchMergeKey / listMapKeys of the core API), by
 * field name. `ports` depends on the element: containers key by containerPort, Services by port.
 */
const knownKeys: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  env: ['name'],
  volumes: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
  imagePullSecrets: ['name'],
  hostAliases: ['ip'],
  conditions: ['type'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
  ownerReferences: ['uid'],
  webhooks: ['name'],
  resourceClaims: ['name'],
  schedulingGates: ['name'],
};

function keysFor(field: string, sample: Record<string, Json>): string[] | undefined {
  if (field === 'ports') return 'containerPort' in sample ? ['containerPort'] : 'port' in sample ? ['port'] : undefined;
  return knownKeys[field] ?? ('name' in sample ? ['name'] : undefined);
}

/** The identity of a keyed list element, as a string (used to match elements across two lists). */
export function itemKey(item: Json, keys: string[]): string {
  return JSON.stringify(keys.map((k) => (isObject(item) ? (item[k] ?? null) : null)));
}

/**
 * The merge keys for a list field, or undefined when the list is atomic: known keys for the field name, else
 * `name` when every element has one; only when every element of both lists has the key and keys are unique.
 */
export function listKeys(field: string | number | undefined, ...lists: Json[][]): string[] | undefined {
  const items = lists.flat();
  if (typeof field !== 'string' || items.length === 0 || !items.every(isObject)) return undefined;
  const keys = keysFor(field, items[0] as Record<string, Json>);
  if (!keys) return undefined;
  for (const list of lists) {
    if (!list.every((item) => keys.some((k) => (item as Record<string, Json>)[k] !== undefined))) return undefined;
    if (new Set(list.map((item) => itemKey(item, keys))).size !== list.length) return undefined;
  }
  return keys;
}

/** A readable selector for a keyed element, e.g. `[name=web]`. */
export function describeItem(item: Json, keys: string[]): string {
  return `[${keys
    .filter((k) => isObject(item) && item[k] !== undefined)
    .map((k) => `${k}=${String((item as Record<string, Json>)[k])}`)
    .join(',')}]`;
}
