import type { GroupKind, KubeObject, ResourceKey } from './types';

/** The map key of a kind: `kind.group`, or just `kind` for the core group (as kubectl prints them). */
export function groupKindId(gk: GroupKind): string {
  return gk.group ? `${gk.kind}.${gk.group}` : gk.kind;
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
