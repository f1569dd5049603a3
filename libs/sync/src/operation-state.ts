import { isCompleted, OperationPhase, type Operation, type OperationState, type ResourceResult, type RetryStrategy } from '@fjord/argo';
import type { StepCleanup, SyncStep } from './next-step';
import { StepKind } from './next-step';
import { resourcesFromResults, type TaskResults } from './results';
import { nextRetryAt, shouldRetry } from './retry';
import { HookDeletePolicy } from './phases';
import type { SyncPlan } from './plan';
import { refreshResult } from './task-health';
import type { SyncTask } from './task';
import type { KubeObject } from '@fjord/k8s-yaml';

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/** A new Running operation state for an operation that starts now. */
export function newOperationState(operation: Operation, now: Date): OperationState {
  return { operation, phase: OperationPhase.Running, message: '', startedAt: iso(now) };
}

/** The operation state after a step: results, phase and message; finishedAt when the step is final. */
export function withStep(state: OperationState, step: SyncStep, now: Date): OperationState {
  const syncResult = { ...state.syncResult, resources: resourcesFromResults(step.results) };
  if (step.kind === StepKind.Done) return { ...state, syncResult, phase: step.phase, message: step.message, finishedAt: iso(now) };
  const message = step.kind === StepKind.Wait ? step.reason : 'one or more tasks are running';
  return { ...state, syncResult, phase: OperationPhase.Running, message };
}

/** The operation state ended before any task ran (a project violation, a shared resource, a render error). */
export function endOperation(
  state: OperationState,
  phase: typeof OperationPhase.Failed | typeof OperationPhase.Error,
  message: string,
  now: Date,
): OperationState {
  return { ...state, phase, message, finishedAt: iso(now) };
}

/** What terminating a running operation does: hooks to finalize and delete, results, and the final state. */
export interface Termination {
  state: OperationState;
  results: TaskResults;
  cleanup: StepCleanup;
}

/**
 * Terminates an operation as Argo CD does: hooks still running (or completed with HookFailed) are deleted and marked
 * Failed "Terminated", all completed or running hooks lose their finalizer, and the operation ends Failed.
 */
export function terminateOperation(
  state: OperationState,
  plan: SyncPlan,
  results: TaskResults,
  live: (t: SyncTask) => KubeObject | undefined,
  now: Date,
): Termination {
  const out: Record<string, ResourceResult> = { ...results };
  const hooks = [...plan.tasks, ...plan.syncFailTasks].filter((t) => t.hookType && out[t.id]);
  const finalize: SyncTask[] = [];
  const deleteHooks: SyncTask[] = [];
  for (const t of hooks) {
    const refreshed = refreshResult(t, out[t.id], live(t));
    out[t.id] = refreshed;
    if (isCompleted(refreshed.hookPhase) || refreshed.hookPhase === OperationPhase.Running) finalize.push(t);
    if (refreshed.hookPhase === OperationPhase.Running) {
      deleteHooks.push(t);
      out[t.id] = { ...refreshed, hookPhase: OperationPhase.Failed, message: 'Terminated' };
    } else if (t.deletePolicies.includes(HookDeletePolicy.HookFailed)) deleteHooks.push(t);
  }
  const syncResult = { ...state.syncResult, resources: resourcesFromResults(out) };
  const next = { ...state, syncResult, phase: OperationPhase.Failed, message: 'Operation terminated', finishedAt: iso(now) };
  return { state: next, results: out, cleanup: { finalize, deleteHooks } };
}

const kitchen = (d: Date) => {
  const h = d.getUTCHours();
  return `${h % 12 === 0 ? 12 : h % 12}:${String(d.getUTCMinutes()).padStart(2, '0')}${h < 12 ? 'AM' : 'PM'}`;
};

/**
 * Decides, when an operation ended Failed or Error, whether it is retried (Argo CD's rule): under the limit it goes
 * back to Running with finishedAt set (the mark of a pending retry), retryCount + 1 and "Retrying attempt #n at …";
 * otherwise it stays ended, with "(retried n times)." when it was retried.
 */
export function decideRetry(state: OperationState, retry: RetryStrategy | undefined, now: Date, terminated = false): OperationState {
  if (state.phase !== OperationPhase.Failed && state.phase !== OperationPhase.Error) return state;
  const count = state.retryCount ?? 0;
  if (shouldRetry(retry, count, terminated)) {
    const at = nextRetryAt(retry, now, count);
    return {
      ...state,
      phase: OperationPhase.Running,
      finishedAt: iso(now),
      retryCount: count + 1,
      message: `${state.message}. Retrying attempt #${count + 1} at ${kitchen(at)}.`,
    };
  }
  return count > 0 ? { ...state, message: `${state.message} (retried ${count} times).` } : state;
}

/** Whether an operation is waiting to be retried (Running with finishedAt set). */
export function isRetryPending(state: OperationState): boolean {
  return state.phase === OperationPhase.Running && state.finishedAt !== undefined;
}

/**
 * For an operation waiting to be retried: either how long to wait still, or the state of the new attempt (results
 * and finishedAt cleared, "Retrying operation. Attempt #n"; with `retry.refresh` the revision is to be re-resolved).
 */
export function startRetry(state: OperationState, retry: RetryStrategy | undefined, now: Date): { waitMs: number } | { state: OperationState } {
  const at = nextRetryAt(retry, new Date(state.finishedAt ?? now), state.retryCount ?? 0);
  const waitMs = at.getTime() - now.getTime();
  if (waitMs > 0) return { waitMs };
  const extra = retry?.refresh ? ' with latest revisions' : '';
  const next: OperationState = { ...state, message: `Retrying operation${extra}. Attempt #${state.retryCount ?? 0}` };
  delete next.finishedAt;
  delete next.syncResult;
  return { state: next };
}
