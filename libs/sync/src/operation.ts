import { DELETION_APPROVED_ANNOTATION, type ResourceKey, type SyncOperationResource, type SyncStrategy } from '@fjord/argo';

/** The sync the planner carries out: an Application's `operation.sync` (@fjord/argo's wire `SyncOperation`) normalised. */
export interface PlannedSync {
  /** The resolved revision being synced (used to name `generateName` hooks). */
  revision?: string;
  /** Delete resources the app tracks and no longer wants; without it they are reported PruneSkipped. */
  prune?: boolean;
  /** Validate and report without changing the cluster. */
  dryRun?: boolean;
  /** Sync only these resources (hooks are not run). */
  resources?: readonly SyncOperationResource[];
  /** `apply` skips hooks; `hook` (default) runs them. */
  strategy?: SyncStrategy;
  /** Force (delete and re-create) on conflicts, as `syncStrategy.apply.force` / `hook.force`. */
  force?: boolean;
  /** The operation's sync options; when absent the app's `syncPolicy.syncOptions` apply. */
  syncOptions?: readonly string[];
}

/** Whether a resource is named by a selective sync (Argo CD's identity match: namespace may be left empty). */
export function isSelected(resources: readonly SyncOperationResource[] | undefined, key: ResourceKey): boolean {
  if (!resources || resources.length === 0) return true;
  return resources.some((r) => r.name === key.name && r.kind === key.kind && (r.group ?? '') === key.group && (!r.namespace || r.namespace === key.namespace));
}

/**
 * Whether `Prune=confirm` / `Delete=confirm` deletions of an operation are approved: the Application's
 * `argocd.argoproj.io/deletion-approved` annotation holds an RFC 3339 time at or after the operation's start.
 */
export function isDeletionApproved(appAnnotations: Readonly<Record<string, string>> | undefined, startedAt: Date | string): boolean {
  const value = appAnnotations?.[DELETION_APPROVED_ANNOTATION];
  if (!value || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(value)) return false;
  const approved = Date.parse(value);
  return !Number.isNaN(approved) && approved >= new Date(startedAt).getTime();
}
