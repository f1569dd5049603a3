/** Identifies a resource in a cluster: `group` is '' for the core group, `namespace` '' for cluster-scoped ones. */
export interface ResourceKey {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** A key as a string, `group/kind/namespace/name`, for maps. */
export function keyString(key: ResourceKey): string {
  return `${key.group}/${key.kind}/${key.namespace}/${key.name}`;
}

/** The API group of an apiVersion (`apps/v1` → `apps`, `v1` → ''). */
export function groupOfApiVersion(apiVersion: string | undefined): string {
  const slash = (apiVersion ?? '').indexOf('/');
  return slash < 0 ? '' : apiVersion!.slice(0, slash);
}
