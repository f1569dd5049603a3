import { compileIgnoreDifferences, defaultIsNamespaced, keepIgnoredFields, resourceKeyOf, type IsNamespaced, type ResourceDiff } from '@fjord/diff';
import { keyString, SyncPhase, SyncStatus, SyncStrategy, type HookType, type ResourceIgnoreDifferences, type ResourceKey } from '@fjord/argo';
import { HOOK_FINALIZER, isHook } from '@fjord/health';
import type { KubeObject } from '@fjord/k8s-yaml';
import { decidePrune } from './deletion';
import { hookName } from './hook-name';
import { namespaceTask, type ManagedNamespaceMetadata } from './namespace-task';
import { isSelected, type PlannedSync } from './operation';
import { hookDeletePolicies, syncPhasesOf, syncWaveOf } from './phases';
import { orderPruneWaves } from './prune-order';
import { applyOptionsFor, NO_SYNC_OPTIONS, parseSyncOptions, PropagationPolicy, pruneModeFor, resourceSyncOptions, type SyncOptions } from './sync-options';
import { sortTasks, TaskAction, taskId, type SyncTask } from './task';

/** What planSync needs: the desired objects, their comparison with the cluster, and the operation. */
export interface PlanSyncInput {
  /** Desired objects as rendered, hooks included, tracking already set. */
  desired: readonly KubeObject[];
  /** The comparison of the app's resources (from @fjord/diff's diffResources). */
  resources: readonly ResourceDiff[];
  /** The app's destination namespace, given to namespaced objects without one. */
  destinationNamespace?: string;
  operation: PlannedSync;
  /** The app's `syncPolicy.syncOptions`, used when the operation carries none. */
  appSyncOptions?: readonly string[];
  /** The app's `syncPolicy.managedNamespaceMetadata`, for `CreateNamespace=true`. */
  managedNamespaceMetadata?: ManagedNamespaceMetadata;
  /** The live destination Namespace (undefined when it does not exist), for `CreateNamespace=true`. */
  liveNamespace?: KubeObject;
  /** When the operation started; names `generateName` hooks. */
  startedAt: Date | string;
  /** Whether a kind is namespaced (from discovery); a built-in list otherwise. */
  isNamespaced?: IsNamespaced;
  /** The app's `spec.ignoreDifferences`: with `RespectIgnoreDifferences=true`, the fields they select keep their live values. */
  ignoreDifferences?: readonly ResourceIgnoreDifferences[];
  /** The full live object of a resource (e.g. the cluster cache's), for `RespectIgnoreDifferences=true`. */
  liveObject?: (key: ResourceKey) => KubeObject | undefined;
}

/** The ordered tasks of a sync operation and the settings the step function needs. */
export interface SyncPlan {
  /** PreSync, Sync and PostSync tasks in the order they run. */
  tasks: SyncTask[];
  /** SyncFail hooks, run only when the operation fails. */
  syncFailTasks: SyncTask[];
  /** The effective app-level sync options. */
  options: SyncOptions;
  dryRun: boolean;
  prune: boolean;
  /** Whether hooks are left out (apply strategy or selective sync). */
  skipHooks: boolean;
  /** `ApplyOutOfSyncOnly=true`: resources already Synced are not applied. */
  applyOutOfSyncOnly: boolean;
}

interface PlanContext {
  input: PlanSyncInput;
  options: SyncOptions;
  isNamespaced: IsNamespaced;
  namespace: string;
  comparison: Map<string, ResourceDiff>;
  startedAt: Date;
  /** The object to apply for a resource's target: the target itself, or with its ignored fields' live values. */
  respectIgnored: (key: ResourceKey, target: KubeObject) => KubeObject;
}

const meta = (obj: KubeObject): Record<string, unknown> => (obj.metadata ?? {}) as Record<string, unknown>;

/** A copy of a desired object with its namespace set when it is namespaced and has none. */
function targetOf(obj: KubeObject, key: ResourceKey): KubeObject {
  const copy = structuredClone(obj);
  if (key.namespace && !meta(copy).namespace) copy.metadata = { ...meta(copy), namespace: key.namespace };
  return copy;
}

function resourceTask(ctx: PlanContext, obj: KubeObject, key: ResourceKey, phase: SyncPhase): SyncTask {
  const diff = ctx.comparison.get(keyString(key));
  const live = diff?.normalizedLive;
  return {
    id: taskId(key, phase),
    action: TaskAction.Apply,
    phase,
    wave: syncWaveOf(obj),
    key,
    apiVersion: obj.apiVersion ?? '',
    target: ctx.respectIgnored(key, targetOf(obj, key)),
    live,
    synced: live !== undefined && diff?.status === SyncStatus.Synced,
    applyOptions: applyOptionsFor(ctx.options, resourceSyncOptions(obj)),
    deletePolicies: [],
  };
}

function hookTask(ctx: PlanContext, obj: KubeObject, phase: SyncPhase): SyncTask {
  const name = hookName(obj, phase, ctx.input.operation.revision ?? '', ctx.startedAt);
  const key = { ...resourceKeyOf(obj, ctx.namespace, ctx.isNamespaced), name };
  const target = targetOf(obj, key);
  const m = meta(target);
  const finalizers = Array.isArray(m.finalizers) ? (m.finalizers as string[]) : [];
  target.metadata = { ...m, name, finalizers: finalizers.includes(HOOK_FINALIZER) ? finalizers : [...finalizers, HOOK_FINALIZER] };
  delete target.metadata.generateName;
  return {
    ...resourceTask(ctx, obj, key, phase),
    target,
    synced: false,
    hookType: phase as HookType,
    deletePolicies: hookDeletePolicies(obj),
  };
}

function pruneTask(ctx: PlanContext, diff: ResourceDiff): SyncTask {
  const key: ResourceKey = { group: diff.group, kind: diff.kind, namespace: diff.namespace, name: diff.name };
  const live = diff.normalizedLive;
  const pruneMode = pruneModeFor(ctx.options, resourceSyncOptions(live));
  const { decision, skipMessage } = decidePrune(ctx.input.operation.prune, pruneMode);
  return {
    id: taskId(key, SyncPhase.Sync),
    action: TaskAction.Prune,
    phase: SyncPhase.Sync,
    wave: syncWaveOf(live),
    key,
    apiVersion: live?.apiVersion ?? (diff.group ? `${diff.group}/${diff.version}` : diff.version),
    live,
    synced: false,
    applyOptions: applyOptionsFor(ctx.options, NO_SYNC_OPTIONS),
    deletePolicies: [],
    pruneMode,
    propagationPolicy: ctx.options.prunePropagationPolicy ?? PropagationPolicy.Foreground,
    pruneDecision: decision,
    pruneSkipMessage: skipMessage,
  };
}

function desiredTasks(ctx: PlanContext, skipHooks: boolean): SyncTask[] {
  const selected = ctx.input.operation.resources;
  const tasks: SyncTask[] = [];
  for (const obj of ctx.input.desired) {
    if (isHook(obj)) {
      if (!skipHooks) tasks.push(...syncPhasesOf(obj).map((phase) => hookTask(ctx, obj, phase)));
      continue;
    }
    const key = resourceKeyOf(obj, ctx.namespace, ctx.isNamespaced);
    if (!isSelected(selected, key)) continue;
    tasks.push(...syncPhasesOf(obj).map((phase) => resourceTask(ctx, obj, key, phase)));
  }
  return tasks;
}

/**
 * `RespectIgnoreDifferences=true`: an existing resource is applied with the fields its ignoreDifferences select set
 * to their live values (absent when the live object has none), so a sync does not overwrite what the comparison
 * ignores; new resources are applied as Git has them. Without the option (or the live objects), targets are as Git has them.
 */
function respectIgnoredFn(input: PlanSyncInput, options: SyncOptions): PlanContext['respectIgnored'] {
  const { liveObject, ignoreDifferences = [] } = input;
  if (!options.respectIgnoreDifferences || !liveObject || ignoreDifferences.length === 0) return (_key, target) => target;
  const compiled = compileIgnoreDifferences(ignoreDifferences);
  return (key, target) => {
    const live = liveObject(key);
    return live ? keepIgnoredFields(compiled, key, target, live) : target;
  };
}

/**
 * Plans a sync operation as Argo CD's gitops-engine does: one task per desired resource (Sync phase) and per hook
 * phase (PreSync/Sync/PostSync/SyncFail; none with the apply strategy or a selective sync), prune tasks for
 * resources the app tracks and no longer wants (reverse wave order, PruneLast after everything), the destination
 * Namespace with `CreateNamespace=true`, all sorted by phase, wave, kind and name with namespaces and CRDs hoisted.
 */
export function planSync(input: PlanSyncInput): SyncPlan {
  const { operation } = input;
  const options = parseSyncOptions(operation.syncOptions ?? input.appSyncOptions);
  const ctx: PlanContext = {
    input,
    options,
    isNamespaced: input.isNamespaced ?? defaultIsNamespaced,
    namespace: input.destinationNamespace ?? '',
    comparison: new Map(input.resources.map((r) => [keyString(r), r])),
    startedAt: new Date(input.startedAt),
    respectIgnored: respectIgnoredFn(input, options),
  };
  const skipHooks = operation.strategy === SyncStrategy.Apply || (operation.resources?.length ?? 0) > 0;
  const tasks = desiredTasks(ctx, skipHooks);
  const prunes = input.resources.filter((r) => r.requiresPruning && !r.hook && isSelected(operation.resources, r)).map((r) => pruneTask(ctx, r));
  const nsTask = options.createNamespace ? namespaceTask(input, options) : undefined;
  const all = orderPruneWaves([...tasks, ...(nsTask ? [nsTask] : []), ...prunes], options);
  const sorted = sortTasks(all);
  return {
    tasks: sorted.filter((t) => t.phase !== SyncPhase.SyncFail),
    syncFailTasks: sorted.filter((t) => t.phase === SyncPhase.SyncFail),
    options,
    dryRun: operation.dryRun === true,
    prune: operation.prune === true,
    skipHooks,
    applyOutOfSyncOnly: options.applyOutOfSyncOnly === true,
  };
}
