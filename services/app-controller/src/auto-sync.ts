import { isDeepStrictEqual } from 'node:util';
import { SyncStatus, type Application, type Operation } from '@fjord/argo';
import type { Comparison } from './compare-app';

/** What auto-sync decided for an app after a comparison. */
export type AutoSyncDecision =
  { kind: 'none' } | { kind: 'skip'; reason: string } | { kind: 'later'; afterMs: number } | { kind: 'sync'; operation: Operation; selfHeal: boolean };

/** The resolved revisions an automated sync goes to: `revisions` (one per source) for a multi-source app. */
export interface SyncTarget {
  revision: string;
  revisions?: string[];
}

/** Consecutive self-heal syncs of one app, for the backoff (Argo CD's 2 s × 3^n, at most 300 s). */
export interface SelfHealRecord {
  count: number;
  lastAt: number;
}

/** Self-heal backoff after `count` consecutive repairs: the first is immediate. */
export function selfHealDelayMs(count: number): number {
  return count === 0 ? 0 : Math.min(300_000, 2000 * 3 ** (count - 1));
}

/**
 * Decides whether to start an automated sync, as Argo CD does: only for OutOfSync apps with `automated` on and no
 * operation running; once per revision unless `selfHeal` (then with a backoff so that Fjord does not fight another
 * controller forever); not when the only change is pruning with automated prune off; not to an empty set of
 * resources unless `allowEmpty`.
 */
export function decideAutoSync(
  app: Application,
  comparison: Comparison,
  target: SyncTarget,
  heal: SelfHealRecord | undefined,
  nowMs: number,
): AutoSyncDecision {
  const automated = app.spec.syncPolicy?.automated;
  if (!automated || automated.enabled === false || app.operation || app.metadata.deletionTimestamp) return { kind: 'none' };
  if (comparison.syncStatus !== SyncStatus.OutOfSync) return { kind: 'none' };
  const outOfSync = comparison.resources.filter((r) => r.status === SyncStatus.OutOfSync);
  if (!automated.prune && outOfSync.length > 0 && outOfSync.every((r) => r.requiresPruning)) {
    return { kind: 'skip', reason: 'need to prune extra resources only but automated prune is disabled' };
  }
  if (comparison.desired.length === 0 && !automated.allowEmpty) return { kind: 'skip', reason: 'no resources to sync and allowEmpty is off' };
  const { revision, revisions } = target;
  const last = app.status?.operationState;
  const sameTarget = revisions ? isDeepStrictEqual(last?.syncResult?.revisions, revisions) : last?.syncResult?.revision === revision;
  const alreadySynced = sameTarget && last?.operation?.initiatedBy?.automated === true;
  if (alreadySynced && !automated.selfHeal) return { kind: 'skip', reason: `most recent sync already to ${revision}` };
  if (alreadySynced) {
    const wait = (heal ? heal.lastAt + selfHealDelayMs(heal.count) : 0) - nowMs;
    if (wait > 0) return { kind: 'later', afterMs: wait };
  }
  const retry = app.spec.syncPolicy?.retry;
  return {
    kind: 'sync',
    selfHeal: alreadySynced,
    operation: {
      sync: {
        ...(revisions ? { revisions } : { revision }),
        prune: Boolean(automated.prune),
        ...(app.spec.syncPolicy?.syncOptions ? { syncOptions: app.spec.syncPolicy.syncOptions } : {}),
      },
      initiatedBy: { automated: true },
      // Unique per sync: a new operation must differ from the last one's record even when the revision is the
      // same (self-heal), else it would look like the finished operation not yet cleared.
      info: [{ name: 'fjord.dev/operation-id', value: `${nowMs.toString(36)}-${Math.random().toString(36).slice(2, 8)}` }],
      ...(retry ? { retry } : {}),
    },
  };
}
