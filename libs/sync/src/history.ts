import type { RevisionHistory } from '@fjord/argo';

/** Argo CD's default `spec.revisionHistoryLimit`. */
export const DEFAULT_REVISION_HISTORY_LIMIT = 10;

/** A deployment to record: a single source (revision, source) or several (revisions, sources). */
export type HistoryEntry = Omit<RevisionHistory, 'id'>;

/**
 * Appends a deployment to the history with the next id (last id + 1, 0 for the first) and keeps only the newest
 * `limit` entries (default 10; a negative limit keeps none), as Argo CD does after a successful sync.
 */
export function appendHistory(history: readonly RevisionHistory[] | undefined, entry: HistoryEntry, limit?: number): RevisionHistory[] {
  const list = [...(history ?? [])];
  const id = list.length > 0 ? list[list.length - 1].id + 1 : 0;
  list.push({ ...entry, id });
  const keep = Math.max(0, limit ?? DEFAULT_REVISION_HISTORY_LIMIT);
  return list.length > keep ? list.slice(list.length - keep) : list;
}

/** The history entry with an id (for rollback), or undefined. */
export function findHistory(history: readonly RevisionHistory[] | undefined, id: number): RevisionHistory | undefined {
  return (history ?? []).find((h) => h.id === id);
}
