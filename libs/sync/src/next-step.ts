import { isCompleted, OperationPhase, ResultCode, type SyncPhase } from '@fjord/argo';
import type { KubeObject } from '@fjord/k8s-yaml';
import { PruneDecision, shouldReplaceHook } from './deletion';
import { HookDeletePolicy } from './phases';
import type { SyncPlan } from './plan';
import type { TaskResults } from './results';
import { isTerminating, refreshResult, waitingMessage } from './task-health';
import { TaskAction, type SyncTask } from './task';

/** What the processor sees of the cluster and the app when it asks for the next step. */
export interface StepObservations {
  /** The current live object of a task's resource (e.g. from the cluster cache); the planned one when absent. */
  live?: (task: SyncTask) => KubeObject | undefined;
  /** Whether pending `Prune=confirm` deletions were approved (`argocd.argoproj.io/deletion-approved` after start). */
  pruneConfirmed?: boolean;
}

/** Housekeeping to do with every step, idempotently: drop the hook finalizer, delete hooks per their policy. */
export interface StepCleanup {
  /** Completed hooks whose `argocd.argoproj.io/hook-finalizer` must be removed. */
  finalize: SyncTask[];
  /** Hooks to delete now (HookSucceeded on success, HookFailed on failure); NotFound is fine. */
  deleteHooks: SyncTask[];
}

/** The kinds of steps. */
export const StepKind = { Apply: 'apply', Wait: 'wait', Done: 'done' } as const;

/**
 * Apply one wave: first prune the prune tasks, then delete `deleteBeforeCreate` hooks (BeforeHookCreation); when
 * there are such deletions the wave's applies are left for a later step, after the old hooks are gone. Record each
 * task's outcome with recordOutcome.
 */
export interface ApplyStep {
  kind: typeof StepKind.Apply;
  phase: SyncPhase;
  wave: number;
  tasks: SyncTask[];
  deleteBeforeCreate: SyncTask[];
  results: TaskResults;
  cleanup: StepCleanup;
}

/** Nothing to do until the cluster changes (health, hook completion, deletion, prune approval): requeue. */
export interface WaitStep {
  kind: typeof StepKind.Wait;
  reason: string;
  results: TaskResults;
  cleanup: StepCleanup;
}

/** The operation finished. */
export interface DoneStep {
  kind: typeof StepKind.Done;
  phase: typeof OperationPhase.Succeeded | typeof OperationPhase.Failed;
  message: string;
  results: TaskResults;
  cleanup: StepCleanup;
}

/** The next step of a sync operation. */
export type SyncStep = ApplyStep | WaitStep | DoneStep;

interface StepState {
  plan: SyncPlan;
  results: Record<string, TaskResults[string]>;
  liveOf: (task: SyncTask) => KubeObject | undefined;
  obs: StepObservations;
}

const phaseOf = (s: StepState, t: SyncTask) => s.results[t.id]?.hookPhase;
const started = (s: StepState, t: SyncTask) => s.results[t.id] !== undefined;
const running = (s: StepState, t: SyncTask) => phaseOf(s, t) === OperationPhase.Running;
const failedTask = (s: StepState, t: SyncTask) => isCompleted(phaseOf(s, t)) && phaseOf(s, t) !== OperationPhase.Succeeded;
const sameGroup = (a: SyncTask, b: SyncTask) => a.phase === b.phase && a.wave === b.wave;

/** Whether a task still has to run (not yet started, and not a Synced resource under ApplyOutOfSyncOnly). */
function isPending(s: StepState, t: SyncTask): boolean {
  return !started(s, t) && !(s.plan.applyOutOfSyncOnly && !t.hookType && t.action === TaskAction.Apply && t.synced && t.live !== undefined);
}

function hooksWithPolicy(s: StepState, policy: HookDeletePolicy): SyncTask[] {
  return [...s.plan.tasks, ...s.plan.syncFailTasks].filter((t) => t.hookType && started(s, t) && !running(s, t) && t.deletePolicies.includes(policy));
}

function cleanup(s: StepState, deleteHooks: SyncTask[] = []): StepCleanup {
  const finalize = [...s.plan.tasks, ...s.plan.syncFailTasks].filter((t) => t.hookType && isCompleted(phaseOf(s, t)));
  return { finalize, deleteHooks };
}

const wait = (s: StepState, reason: string): WaitStep => ({ kind: StepKind.Wait, reason, results: s.results, cleanup: cleanup(s) });

function succeed(s: StepState, message: string): DoneStep {
  const deleteHooks = hooksWithPolicy(s, HookDeletePolicy.HookSucceeded);
  return { kind: StepKind.Done, phase: OperationPhase.Succeeded, message, results: s.results, cleanup: cleanup(s, deleteHooks) };
}

/** Argo CD's shortcut: once the last wave holds no hooks and applied cleanly, the sync succeeds without waiting on its health. */
function lastWaveApplied(s: StepState): boolean {
  const eligible = s.plan.tasks.filter((t) => started(s, t) || isPending(s, t));
  const last = eligible[eligible.length - 1];
  if (!last || eligible.some((t) => !started(s, t) || failedTask(s, t))) return false;
  const group = eligible.filter((t) => sameGroup(t, last));
  return group.every((t) => !t.hookType) && s.plan.syncFailTasks.every((t) => !started(s, t));
}

function refreshRunning(s: StepState): void {
  for (const t of [...s.plan.tasks, ...s.plan.syncFailTasks]) {
    const r = s.results[t.id];
    if (r && r.hookPhase === OperationPhase.Running) s.results[t.id] = refreshResult(t, r, s.liveOf(t));
  }
}

function failureMessage(s: StepState): string {
  const failedApplies = s.plan.tasks.filter((t) => s.results[t.id]?.status === ResultCode.SyncFailed);
  const base = failedApplies.length > 0 ? 'one or more objects failed to apply' : 'one or more synchronization tasks completed unsuccessfully';
  const reasons = [...new Set(failedApplies.map((t) => s.results[t.id]?.message ?? '').filter(Boolean))];
  return reasons.length > 0 ? `${base}, reason: ${reasons.join(',')}` : base;
}

/** The operation failed: run the SyncFail hooks once, then finish Failed (deleting HookFailed hooks each time). */
function fail(s: StepState): SyncStep {
  const deleteHooks = hooksWithPolicy(s, HookDeletePolicy.HookFailed);
  let message = failureMessage(s);
  const syncFail = s.plan.syncFailTasks;
  if (syncFail.length > 0 && !syncFail.some((t) => started(s, t))) {
    const first = syncFail[0];
    return {
      kind: StepKind.Apply,
      phase: first.phase,
      wave: first.wave,
      tasks: syncFail,
      deleteBeforeCreate: [],
      results: s.results,
      cleanup: cleanup(s, deleteHooks),
    };
  }
  const failedSyncFail = syncFail.filter((t) => s.results[t.id]?.status === ResultCode.SyncFailed);
  if (failedSyncFail.length > 0) message += `\none or more SyncFail hooks failed, reason: ${failedSyncFail.map((t) => s.results[t.id]?.message).join(',')}`;
  return { kind: StepKind.Done, phase: OperationPhase.Failed, message, results: s.results, cleanup: cleanup(s, deleteHooks) };
}

/** The next wave to run, or a wait for deletion or prune approval before it. */
function nextWave(s: StepState, pending: SyncTask[]): SyncStep {
  const group = pending.filter((t) => sameGroup(t, pending[0]));
  const needsApproval = group.filter((t) => t.action === TaskAction.Prune && t.pruneDecision === PruneDecision.Confirm);
  if (needsApproval.length > 0 && !s.obs.pruneConfirmed) return wait(s, waitingMessage(needsApproval, 'pruneConfirmation'));
  const existingHooks = group.filter((t) => t.hookType && s.liveOf(t) !== undefined);
  if (!s.plan.dryRun && existingHooks.some((t) => isTerminating(s.liveOf(t))))
    return wait(
      s,
      waitingMessage(
        existingHooks.filter((t) => isTerminating(s.liveOf(t))),
        'deletion',
      ),
    );
  const deleteBeforeCreate = existingHooks.filter((t) => shouldReplaceHook(t, s.liveOf(t), s.plan.dryRun));
  const tasks = deleteBeforeCreate.length > 0 ? group.filter((t) => t.action === TaskAction.Prune) : group;
  return { kind: StepKind.Apply, phase: group[0].phase, wave: group[0].wave, tasks, deleteBeforeCreate, results: s.results, cleanup: cleanup(s) };
}

/**
 * Decides the next step of a sync operation from its plan and the results so far, as gitops-engine's sync loop
 * does: wait while hooks run (and, when the plan has several waves, while applied resources become healthy), wait
 * for pruned objects to go, fail on a failed task and then run SyncFail hooks, else apply the next phase/wave.
 * Pure: the processor executes the step, records outcomes with recordOutcome and calls again.
 */
export function nextStep(plan: SyncPlan, results: TaskResults, observations: StepObservations = {}): SyncStep {
  const s: StepState = { plan, results: { ...results }, obs: observations, liveOf: observations.live ?? ((t) => t.live) };
  if (plan.tasks.length > 0 && lastWaveApplied(s)) return succeed(s, 'successfully synced (all tasks run)');
  refreshRunning(s);
  const all = [...plan.tasks, ...plan.syncFailTasks];
  const multiStep = all.length > 0 && !sameGroup(all[0], all[all.length - 1]);
  const blocking = all.filter((t) => (multiStep || t.hookType) && running(s, t));
  if (blocking.length > 0) return wait(s, waitingMessage(blocking));
  const deleting = plan.tasks.filter((t) => s.results[t.id]?.status === ResultCode.Pruned && isTerminating(s.liveOf(t)));
  if (deleting.length > 0 && !plan.dryRun) return wait(s, waitingMessage(deleting, 'deletion'));
  if (plan.tasks.some((t) => failedTask(s, t))) return fail(s);
  const pending = plan.tasks.filter((t) => isPending(s, t));
  if (pending.length === 0) return succeed(s, 'successfully synced (no more tasks)');
  return nextWave(s, pending);
}
