import { TRACKING_ANNOTATION } from '@fjord/argo';
import type { KubeObject } from '@fjord/k8s-yaml';
import { annotationsOf } from './annotations';
import { HookDeletePolicy } from './phases';
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

/** Whether a live object is this app's instance of a hook: it carries the hook's own tracking id. */
export function isOwnHookObject(task: SyncTask, live: KubeObject | undefined): boolean {
  const own = annotationsOf(task.target)[TRACKING_ANNOTATION];
  return task.hookType !== undefined && own !== undefined && annotationsOf(live)[TRACKING_ANNOTATION] === own;
}

/**
 * Whether a hook's live object is deleted before the hook is created again (`BeforeHookCreation`, not on a dry
 * run): only when it is this app's hook. An object of the same name the app does not track is never deleted to
 * make room for a hook.
 */
export function shouldReplaceHook(task: SyncTask, live: KubeObject | undefined, dryRun: boolean): boolean {
  return !dryRun && task.deletePolicies.includes(HookDeletePolicy.BeforeHookCreation) && isOwnHookObject(task, live);
}

/**
 * Whether a completed hook's live object is deleted by its delete policy (the step's `cleanup.deleteHooks`; never
 * on a dry run): only this app's instance of the hook.
 */
export function shouldDeleteHook(task: SyncTask, live: KubeObject | undefined, dryRun: boolean): boolean {
  return !dryRun && isOwnHookObject(task, live);
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
