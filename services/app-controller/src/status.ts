import { isDeepStrictEqual } from 'node:util';
import { redactUrls } from '@fjord/platform';
import type { ResourceDiff } from '@fjord/diff';
import { type Application, type ApplicationStatus, type ResourceStatus, ConditionType, SyncStatus } from '@fjord/argo';
import { driftLines, type Comparison } from './compare-app';

/** The outcome of one reconcile, before it becomes status. */
export type ReconcileOutcome =
  | { kind: 'compared'; comparison: Comparison; revision: string; sourceType: string; /** One per source, in order. */ revisions?: string[] }
  | { kind: 'failed'; conditionType: string; message: string; revision?: string };

/**
 * Builds the app's next status from a reconcile outcome, keeping what this step does not own (operation state,
 * history) and each condition's transition time while it holds. On a failure, sync becomes Unknown and the last
 * known resources and health stay, so nothing looks deleted because of a render error.
 */
export function nextStatus(app: Application, outcome: ReconcileOutcome, now: string): ApplicationStatus {
  const prev = app.status ?? {};
  const source = app.spec.sources?.[0] ?? app.spec.source;
  const status: ApplicationStatus = { ...prev };
  const conditions = (prev.conditions ?? []).filter((c) => c.type !== ConditionType.ComparisonError && c.type !== ConditionType.InvalidSpecError);
  if (outcome.kind === 'failed') {
    const message = redactUrls(outcome.message); // a repoURL in a message never shows its credentials
    const earlier = prev.conditions?.find((c) => c.type === outcome.conditionType && c.message === message);
    conditions.push({ type: outcome.conditionType, message, lastTransitionTime: earlier?.lastTransitionTime ?? now });
    status.sync = { status: SyncStatus.Unknown, revision: outcome.revision ?? prev.sync?.revision, comparedTo: { source, destination: app.spec.destination } };
    status.health = prev.health ?? { status: 'Unknown' };
  } else {
    const { comparison } = outcome;
    status.sync = { status: comparison.syncStatus, revision: outcome.revision, comparedTo: { source, destination: app.spec.destination } };
    if (app.spec.sources?.length && outcome.revisions) {
      // Argo CD's multi-source shape: a revision per source, compared to every source
      status.sync = { ...status.sync, revisions: outcome.revisions, comparedTo: { ...status.sync.comparedTo, sources: app.spec.sources } };
    }
    status.health = { status: comparison.health.status, ...(comparison.health.message ? { message: comparison.health.message } : {}) };
    // in a fixed order (as Argo CD lists them), so that the order the cache happened to hold them in is no change
    status.resources = comparison.resources
      .filter((r) => !r.hook)
      .map((r) => resourceStatus(r, comparison))
      .sort((a, b) => byText(a.group, b.group) || byText(a.kind, b.kind) || byText(a.namespace, b.namespace) || byText(a.name, b.name));
    status.summary = comparison.images.length ? { images: comparison.images } : {};
    status.sourceType = outcome.sourceType;
  }
  status.conditions = conditions.length ? conditions : undefined;
  return prune(status);
}

function resourceStatus(r: ResourceDiff, comparison: Comparison): ResourceStatus {
  const health = comparison.health.resources.find((h) => h.group === r.group && h.kind === r.kind && h.namespace === r.namespace && h.name === r.name)?.health;
  const drifted = driftLines(r);
  return prune({
    group: r.group || undefined,
    version: r.version,
    kind: r.kind,
    namespace: r.namespace || undefined,
    name: r.name,
    status: r.status ?? SyncStatus.Unknown,
    health: health ? { status: health.status, ...(health.message ? { message: health.message } : {}) } : undefined,
    requiresPruning: r.requiresPruning || undefined,
    driftedBy: drifted.length ? drifted : undefined,
  } as ResourceStatus);
}

const byText = (a = '', b = '') => (a < b ? -1 : a > b ? 1 : 0);

/** Drops undefined fields so that statuses compare equal when they mean the same. */
function prune<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

/** The status fields the status processors write (the operation processors own operationState and history). */
export const COMPARISON_FIELDS = ['sync', 'health', 'resources', 'summary', 'conditions', 'reconciledAt', 'observedAt', 'sourceType'] as const;

/** True when two statuses differ in anything but `reconciledAt`/`observedAt` (key order does not matter). */
export function statusChanged(a: ApplicationStatus | undefined, b: ApplicationStatus): boolean {
  const strip = ({ reconciledAt: _r, observedAt: _o, operationState: _s, history: _h, ...rest }: ApplicationStatus) => prune(rest);
  return !isDeepStrictEqual(strip(a ?? {}), strip(b));
}
