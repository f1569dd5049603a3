import { gvkString, type Gvk, type ResId } from './resource';
import type { Resource } from './resource';

/** kustomize's fixed "legacy" kind order: these kinds first, in this order. */
export const LEGACY_ORDER_FIRST = [
  'Namespace',
  'ResourceQuota',
  'StorageClass',
  'CustomResourceDefinition',
  'ServiceAccount',
  'PodSecurityPolicy',
  'Role',
  'ClusterRole',
  'RoleBinding',
  'ClusterRoleBinding',
  'ConfigMap',
  'Secret',
  'Endpoints',
  'Service',
  'LimitRange',
  'PriorityClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'Deployment',
  'StatefulSet',
  'CronJob',
  'PodDisruptionBudget',
];

/** …and these kinds last. */
export const LEGACY_ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

/** Output order: `legacy` (kind priority, then ids) or `fifo` (as accumulated). */
export interface SortOptions {
  order?: string;
  legacySortOptions?: { orderFirst?: string[]; orderLast?: string[] };
}

function gvkSortString(g: Gvk): string {
  return [g.group || '~G', g.version || '~V', g.kind || '~K'].join('_');
}

function idSortString(id: ResId): string {
  return [gvkString(id), id.namespace || '~X', id.name || '~N'].join('|');
}

/** Sorts resources in kustomize's legacy order (stable for equal keys). */
export function legacySort(list: readonly Resource[], options?: SortOptions['legacySortOptions']): Resource[] {
  const first = options?.orderFirst ?? LEGACY_ORDER_FIRST;
  const last = options?.orderLast ?? LEGACY_ORDER_LAST;
  const rank = new Map<string, number>();
  first.forEach((k, i) => rank.set(k, -first.length + i));
  last.forEach((k, i) => rank.set(k, 1 + i));
  const keyed = list.map((r) => ({ r, id: r.curId() }));
  keyed.sort((a, b) => compareIds(a.id, b.id, rank));
  return keyed.map((x) => x.r);
}

function compareIds(a: ResId, b: ResId, rank: Map<string, number>): number {
  const sameGvk = a.group === b.group && a.version === b.version && a.kind === b.kind;
  if (!sameGvk) {
    const ra = rank.get(a.kind) ?? 0;
    const rb = rank.get(b.kind) ?? 0;
    if (ra !== rb) return ra - rb;
    const sa = gvkSortString(a);
    const sb = gvkSortString(b);
    const reverse = a.kind === 'Namespace' && b.kind === 'Namespace' && (a.group === '' || b.group === '');
    return cmp(sa, sb) * (reverse ? -1 : 1);
  }
  return cmp(idSortString(a), idSortString(b));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
