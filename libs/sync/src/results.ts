import { OperationPhase, ResultCode, type ResourceResult } from '@fjord/argo';
import { TaskAction, type SyncTask } from './task';

/** Results of an operation so far, keyed by task id (insertion order is the order they were first recorded). */
export type TaskResults = Readonly<Record<string, ResourceResult>>;

/** What the operation processor reports after executing one task. */
export interface TaskOutcome {
  /** The error of the apply or delete, if it failed. */
  error?: string;
  /** A message for a success (e.g. `configmap/cm-1 serverside-applied`); a default is used when absent. */
  message?: string;
}

const versionOf = (apiVersion: string) => apiVersion.slice(apiVersion.indexOf('/') + 1);

/** A result for a task, with the task's identity filled in. */
export function resultFor(task: SyncTask, fields: Pick<ResourceResult, 'status' | 'message' | 'hookPhase'>): ResourceResult {
  const result: ResourceResult = { ...task.key, version: versionOf(task.apiVersion), syncPhase: task.phase, ...fields };
  if (task.hookType) result.hookType = task.hookType;
  if (result.message === undefined || result.message === '') delete result.message;
  if (result.status === undefined) delete result.status;
  return result;
}

function applyMessage(task: SyncTask, dryRun: boolean): string {
  const verb = task.applyOptions.serverSideApply ? 'serverside-applied' : task.live ? 'configured' : 'created';
  return `${task.key.kind.toLowerCase()}/${task.key.name} ${verb}${dryRun ? ' (dry run)' : ''}`;
}

/**
 * The result of executing a task, as Argo CD records it: an applied resource is Synced and Running until its health
 * (or hook completion) is seen; in a dry run nothing is created, so it is Succeeded at once; a prune is Pruned or
 * PruneSkipped and Succeeded; an error is SyncFailed and Failed.
 */
export function outcomeResult(task: SyncTask, outcome: TaskOutcome, dryRun: boolean): ResourceResult {
  if (outcome.error !== undefined) return resultFor(task, { status: ResultCode.SyncFailed, hookPhase: OperationPhase.Failed, message: outcome.error });
  if (task.action === TaskAction.Prune) {
    if (task.pruneSkipMessage) return resultFor(task, { status: ResultCode.PruneSkipped, hookPhase: OperationPhase.Succeeded, message: task.pruneSkipMessage });
    return resultFor(task, {
      status: ResultCode.Pruned,
      hookPhase: OperationPhase.Succeeded,
      message: outcome.message ?? (dryRun ? 'pruned (dry run)' : 'pruned'),
    });
  }
  const hookPhase = dryRun ? OperationPhase.Succeeded : OperationPhase.Running;
  return resultFor(task, { status: ResultCode.Synced, hookPhase, message: outcome.message ?? applyMessage(task, dryRun) });
}

/** Returns the results with a task's outcome recorded (the processor calls this after each apply or prune). */
export function recordOutcome(results: TaskResults, task: SyncTask, outcome: TaskOutcome, dryRun: boolean): TaskResults {
  return { ...results, [task.id]: outcomeResult(task, outcome, dryRun) };
}

/** The id of a recorded result (the task id it was recorded for). */
export function resultId(r: Pick<ResourceResult, 'group' | 'kind' | 'namespace' | 'name' | 'syncPhase'>): string {
  return `${r.group ?? ''}/${r.kind}/${r.namespace ?? ''}/${r.name}:${r.syncPhase}`;
}

/** Rebuilds results from a persisted `syncResult.resources[]`, so an operation resumes after a restart. */
export function resultsFromResources(resources: readonly ResourceResult[] | undefined): TaskResults {
  const out: Record<string, ResourceResult> = {};
  for (const r of resources ?? []) out[resultId(r)] = { ...r, group: r.group ?? '', namespace: r.namespace ?? '' };
  return out;
}

/** The results as `syncResult.resources[]`, in the order they were first recorded. */
export function resourcesFromResults(results: TaskResults): ResourceResult[] {
  return Object.values(results);
}
