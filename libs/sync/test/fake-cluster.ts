// A tiny stand-in for the cluster, for driving nextStep: objects appear when applied, workloads become ready and
// hooks complete on tick(), deletions can be made slow (foreground deletion in progress).
import type { KubeObject } from '@fjord/k8s-yaml';
import { nextStep, type StepObservations } from '../src/next-step';
import type { SyncPlan } from '../src/plan';
import { recordOutcome, type TaskResults } from '../src/results';
import type { SyncTask } from '../src/task';

const keyOf = (t: SyncTask) => `${t.key.kind}/${t.key.namespace}/${t.key.name}`;
const label = (t: SyncTask) => `${t.key.kind}/${t.key.name}`;

/** Fake cluster state. */
export class FakeCluster {
  readonly objects = new Map<string, KubeObject>();
  /** Hook names that fail when they run. */
  readonly failing = new Set<string>();
  /** Resource names whose apply is rejected, with the error. */
  readonly rejected = new Map<string, string>();
  slowDeletes = false;
  private readonly deleting = new Set<string>();

  get(t: SyncTask): KubeObject | undefined {
    return this.objects.get(keyOf(t));
  }

  put(t: SyncTask, obj: KubeObject): void {
    this.objects.set(keyOf(t), obj);
  }

  apply(t: SyncTask): string | undefined {
    const error = this.rejected.get(t.key.name);
    if (error) return error;
    const obj = structuredClone(t.target!);
    obj.metadata = { ...obj.metadata, generation: 1 };
    if (['Deployment', 'ReplicaSet', 'StatefulSet'].includes(obj.kind ?? '')) obj.status = { observedGeneration: 0 };
    if (obj.kind === 'Pod') obj.status = { phase: 'Running' };
    this.objects.set(keyOf(t), obj);
    return undefined;
  }

  delete(t: SyncTask): void {
    const obj = this.objects.get(keyOf(t));
    if (!obj) return;
    if (!this.slowDeletes) this.objects.delete(keyOf(t));
    else {
      obj.metadata = { ...obj.metadata, deletionTimestamp: '2026-11-29T10:00:05Z' };
      this.deleting.add(keyOf(t));
    }
  }

  /** Time passes: deletions finish, workloads become ready, Jobs and Pods complete (or fail). */
  tick(): void {
    for (const k of this.deleting) this.objects.delete(k);
    this.deleting.clear();
    for (const obj of this.objects.values()) {
      const name = String(obj.metadata?.name);
      const ok = !this.failing.has(name);
      const replicas = ((obj.spec as { replicas?: number } | undefined)?.replicas ?? 1) as number;
      if (['Deployment', 'ReplicaSet', 'StatefulSet'].includes(obj.kind ?? '')) {
        obj.status = { observedGeneration: 1, replicas, updatedReplicas: replicas, readyReplicas: replicas, availableReplicas: replicas };
      }
      if (obj.kind === 'Job')
        obj.status = { conditions: [{ type: ok ? 'Complete' : 'Failed', status: 'True', message: ok ? undefined : 'BackoffLimitExceeded' }] };
      if (obj.kind === 'Pod') obj.status = { phase: ok ? 'Succeeded' : 'Failed' };
    }
  }
}

/** Runs an operation to its end the way the processor would, returning a readable trace and the final results. */
export function drive(plan: SyncPlan, cluster: FakeCluster, obs: Omit<StepObservations, 'live'> = {}, initial: TaskResults = {}, maxSteps?: number) {
  let results = initial;
  const trace: string[] = [];
  for (let i = 0; i < (maxSteps ?? 60); i++) {
    const step = nextStep(plan, results, { ...obs, live: (t) => cluster.get(t) });
    results = step.results;
    for (const t of step.cleanup.deleteHooks) {
      if (cluster.get(t)) trace.push(`delete hook ${label(t)}`);
      cluster.delete(t);
    }
    if (step.kind === 'done') {
      trace.push(`${step.phase}: ${step.message}`);
      return { trace, results, step };
    }
    if (step.kind === 'wait') {
      trace.push(`wait: ${step.reason}`);
      cluster.tick();
      continue;
    }
    for (const t of step.deleteBeforeCreate) cluster.delete(t);
    const deletes = step.deleteBeforeCreate.map((t) => ` -${label(t)}`).join('');
    trace.push(`${step.phase}/${step.wave}:${deletes}${step.tasks.map((t) => ` ${t.action === 'prune' ? '-' : ''}${label(t)}`).join('')}`);
    for (const t of step.tasks) {
      let error: string | undefined;
      if (t.action === 'prune') {
        if (!t.pruneSkipMessage && !plan.dryRun) cluster.delete(t);
      } else if (!plan.dryRun) error = cluster.apply(t);
      results = recordOutcome(results, t, { error }, plan.dryRun);
    }
  }
  if (maxSteps !== undefined) return { trace, results, step: { kind: 'unfinished' } as const };
  throw new Error(`operation did not finish: ${trace.join('\n')}`);
}
