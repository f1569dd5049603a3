import type { HookType, ResourceKey, SyncPhase } from '@fjord/argo';
import type { KubeObject } from '@fjord/k8s-yaml';
import { kindRank } from './kind-order';
import { SYNC_PHASE_ORDER, type HookDeletePolicy } from './phases';
import type { PruneDecision } from './deletion';
import type { ApplyOptions, DeletionMode, PropagationPolicy } from './sync-options';

/** What a task does to its resource. */
export const TaskAction = {
  /** Create or update the target object (server-side apply, or replace/create with `Replace=true`). */
  Apply: 'apply',
  /** Delete the live object, which the app tracks and no longer wants. */
  Prune: 'prune',
} as const;
/** One of the task actions. */
export type TaskAction = (typeof TaskAction)[keyof typeof TaskAction];

/** One step of a sync: a resource or hook to apply, or a resource to prune, in a phase and wave. */
export interface SyncTask {
  /** Stable id of the task, also the key of its result: `group/kind/namespace/name:phase`. */
  id: string;
  action: TaskAction;
  phase: SyncPhase;
  /** The wave the task runs in, after hoisting, prune reversal and PruneLast. */
  wave: number;
  /** The resource; for hooks with `generateName`, the name Fjord creates them with. */
  key: ResourceKey;
  /** API version of the object (e.g. `v1`, `apps/v1`). */
  apiVersion: string;
  /** The hook type when the task is a hook (equal to its phase), undefined for resources. */
  hookType?: HookType;
  /** The object to apply (namespace set, hook name resolved, hook finalizer added); undefined for prune tasks. */
  target?: KubeObject;
  /** The live object as compared when planning; undefined when it does not exist. */
  live?: KubeObject;
  /** Whether the live object equals the desired one (ApplyOutOfSyncOnly leaves such resources alone). */
  synced: boolean;
  /** How to apply (apply tasks). */
  applyOptions: ApplyOptions;
  /** Hook delete policies (hooks only; empty otherwise). */
  deletePolicies: HookDeletePolicy[];
  /** For prune tasks: the resource's prune mode (false → PruneSkipped, confirm → wait for approval). */
  pruneMode?: DeletionMode;
  /** For prune tasks: the deletion propagation policy to delete with. */
  propagationPolicy?: PropagationPolicy;
  /** For prune tasks: whether the object is deleted, left (PruneSkipped) or deleted once approved; see shouldPrune. */
  pruneDecision?: PruneDecision;
  /** For prune tasks that will not delete anything: the PruneSkipped message Argo CD records. */
  pruneSkipMessage?: string;
  /** Whether this task creates the destination namespace for `CreateNamespace=true`. */
  createsNamespace?: boolean;
}

/** The id of a task for a resource key and phase. */
export function taskId(key: ResourceKey, phase: SyncPhase): string {
  return `${key.group}/${key.kind}/${key.namespace}/${key.name}:${phase}`;
}

/** Argo CD's task order: phase, wave, kind order, name (then kind, namespace, group, action so the order is total). */
export function compareTasks(a: SyncTask, b: SyncTask): number {
  return (
    SYNC_PHASE_ORDER[a.phase] - SYNC_PHASE_ORDER[b.phase] ||
    a.wave - b.wave ||
    kindRank(a.key.kind) - kindRank(b.key.kind) ||
    cmp(a.key.name, b.key.name) ||
    cmp(a.key.kind, b.key.kind) ||
    cmp(a.key.namespace, b.key.namespace) ||
    cmp(a.key.group, b.key.group) ||
    cmp(a.action, b.action)
  );
}

const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

type DepKey = (task: SyncTask) => string | undefined;

/**
 * Moves each dependency (a Namespace, a CRD) in front of the first task that needs it, giving it that task's phase
 * and wave, as Argo CD does: a Namespace in wave 5 still comes before a wave-0 Deployment in it.
 */
function hoist(tasks: SyncTask[], dependencyOf: DepKey, dependsOn: DepKey): SyncTask[] {
  const out = [...tasks];
  const firstUser = new Map<string, number>();
  for (let i = 0; i < out.length; i++) {
    const task = out[i];
    if (!task.target) continue;
    const dep = dependencyOf(task);
    if (dep !== undefined) {
      const at = firstUser.get(dep);
      if (at === undefined) continue;
      out.splice(i, 1);
      const phase = out[at].phase;
      out.splice(at, 0, { ...task, id: taskId(task.key, phase), phase, wave: out[at].wave });
      for (const [k, index] of firstUser) if (index >= at) firstUser.set(k, index + 1);
      continue;
    }
    const uses = dependsOn(task);
    if (uses !== undefined && !firstUser.has(uses)) firstUser.set(uses, i);
  }
  return out;
}

const namespaceDep: DepKey = (t) => (t.key.group === '' && t.key.kind === 'Namespace' ? t.key.name : undefined);
const namespaceUse: DepKey = (t) => t.key.namespace || undefined;

const crdDep: DepKey = (t) => {
  if (t.key.group !== 'apiextensions.k8s.io' || t.key.kind !== 'CustomResourceDefinition') return undefined;
  const spec = (t.target?.spec ?? {}) as { group?: unknown; names?: { kind?: unknown } };
  return typeof spec.group === 'string' && typeof spec.names?.kind === 'string' ? `${spec.group}/${spec.names.kind}` : undefined;
};
const crdUse: DepKey = (t) => `${t.key.group}/${t.key.kind}`;

/** Sorts tasks in Argo CD's order and hoists namespaces and CRDs ahead of the tasks that need them. */
export function sortTasks(tasks: readonly SyncTask[]): SyncTask[] {
  return hoist(hoist([...tasks].sort(compareTasks), namespaceDep, namespaceUse), crdDep, crdUse);
}
