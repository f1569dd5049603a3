import type { GroupKind } from './types';

/** Matches every kind of a group in an exclusion. */
export const ANY_KIND = '*';

/**
 * Kinds the cache never watches by default: high-churn objects no app manages (Events, Leases, Endpoints,
 * EndpointSlices), the deprecated ComponentStatus, and the metrics API (answered by an aggregated server and
 * changing every scrape).
 */
export const DEFAULT_EXCLUSIONS: readonly GroupKind[] = [
  { group: '', kind: 'Event' },
  { group: 'events.k8s.io', kind: 'Event' },
  { group: 'coordination.k8s.io', kind: 'Lease' },
  { group: '', kind: 'Endpoints' },
  { group: 'discovery.k8s.io', kind: 'EndpointSlice' },
  { group: '', kind: 'ComponentStatus' },
  { group: 'metrics.k8s.io', kind: ANY_KIND },
];

/** Whether a kind is excluded by any entry (an entry's kind `*` matches the whole group). */
export function isExcluded(gk: GroupKind, exclusions: readonly GroupKind[]): boolean {
  return exclusions.some((e) => e.group === gk.group && (e.kind === ANY_KIND || e.kind === gk.kind));
}

/** Whether every kind of a group is excluded (its discovery document need not even be read). */
export function isGroupExcluded(group: string, exclusions: readonly GroupKind[]): boolean {
  return exclusions.some((e) => e.group === group && e.kind === ANY_KIND);
}
