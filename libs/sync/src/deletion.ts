import type { KubeObject } from '@fjord/k8s-yaml';
import { DeletionMode, deleteModeFor, resourceSyncOptions } from './sync-options';
import { TaskAction, type SyncTask } from './task';

/**
 * Every "delete this object or not" of Fjord is decided here, and only here: the operation runner and the app
 * finalizer carry the decisions out. A sync never deletes what it was not asked to.
 */

/** What a sync does with a resource the app tracks and no longer wants. */
export const PruneDecision = {
  /** Delete it (the operation asked to prune and the resource allows it). */
  Delete: 'delete',
  /** Leave it and report PruneSkipped (no `prune` on the operation, or `Prune=false`). */
  Skip: 'skip',
  /** Delete it once the deletion is approved (`Prune=confirm`); wait until then. */
  Confirm: 'confirm',
} as const;
/** One of the prune decisions. */
export type PruneDecision = (typeof PruneDecision)[keyof typeof PruneDecision];

/** Argo CD's PruneSkipped messages. */
export const PruneSkipMessage = {
  NotRequested: 'ignored (requires pruning)',
  Disabled: 'ignored (no prune)',
} as const;

/** The planner's decision for a prune task: from the operation's `prune` flag and the resource's prune mode. */
export function decidePrune(operationPrune: boolean | undefined, mode: DeletionMode): { decision: PruneDecision; skipMessage?: string } {
  if (operationPrune !== true) return { decision: PruneDecision.Skip, skipMessage: PruneSkipMessage.NotRequested };
  if (mode === DeletionMode.Disabled) return { decision: PruneDecision.Skip, skipMessage: PruneSkipMessage.Disabled };
  if (mode === DeletionMode.Confirm) return { decision: PruneDecision.Confirm };
  return { decision: PruneDecision.Delete };
}

/** The parts of a plan and of the world that {@link shouldPrune} reads. */
export interface PruneContext {
  /** The operation's `prune` flag as the plan carries it. */
  prune: boolean;
  /** Whether pending `Prune=confirm` deletions were approved. */
  pruneConfirmed?: boolean;
}

/**
 * Whether the runner deletes a task's live object as a prune: only a prune task (never a hook) of an operation
 * that asked to prune, for a resource that allows it (`Prune=confirm` once approved), and only when it exists.
 */
export function shouldPrune(task: SyncTask, ctx: PruneContext): boolean {
  if (task.action !== TaskAction.Prune || task.hookType || !task.live || !ctx.prune) return false;
  if (task.pruneDecision === PruneDecision.Delete) return true;
  return task.pruneDecision === PruneDecision.Confirm && ctx.pruneConfirmed === true;
}

/** What deleting an app with the resources finalizer does with one of its resources. */
export const AppDeletionDecision = {
  Delete: 'delete',
  /** `Delete=false`: the resource outlives the app. */
  Keep: 'keep',
  /** `Delete=confirm` not yet approved: wait. */
  AwaitApproval: 'await-approval',
} as const;
/** One of the app deletion decisions. */
export type AppDeletionDecision = (typeof AppDeletionDecision)[keyof typeof AppDeletionDecision];

/** What the resources finalizer does with a live resource of the app being deleted (its `Delete=` sync option). */
export function decideAppDeletion(live: KubeObject, deletionApproved: boolean): AppDeletionDecision {
  const mode = deleteModeFor(resourceSyncOptions(live));
  if (mode === DeletionMode.Disabled) return AppDeletionDecision.Keep;
  if (mode === DeletionMode.Confirm && !deletionApproved) return AppDeletionDecision.AwaitApproval;
  return AppDeletionDecision.Delete;
}
