import type { GroupKind, KubeObject, ResourceKey } from './types';

/** The map key of a resource: `group/kind/namespace/name` (none of them can contain '/'). */
export function keyId(key: ResourceKey): string {
  return `${key.group}/${key.kind}/${key.namespace}/${key.name}`;
}

/** The map key of a kind: `kind.group`, or just `kind` for the core group (as kubectl prints them). */
export function groupKindId(gk: GroupKind): string {
  return gk.group ? `${gk.kind}.${gk.group}` : gk.kind;
}

/** The group of an apiVersion (`apps/v1` → `apps`, `v1` → ''). */
export function groupOf(apiVersion: string | undefined): string {
  if (!apiVersion) return '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The key of a live object of a known kind. */
export function keyOfObject(obj: KubeObject, gk: GroupKind, namespaced: boolean): ResourceKey {
  return {
    group: gk.group,
    kind: gk.kind,
    namespace: namespaced ? String(obj.metadata?.namespace ?? '') : '',
    name: String(obj.metadata?.name ?? ''),
  };
}
