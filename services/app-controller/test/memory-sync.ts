import { defaultIsNamespaced } from '@fjord/diff';
import type { KubeObject } from '@fjord/k8s-yaml';
import { isDeletionApproved, StepKind, type SyncPlan, type TaskResults } from '@fjord/sync';
import { deleteAppResources } from '../src/app-finalizer';
import { compareApp } from '../src/compare-app';
import { planOperation } from '../src/operation-plan';
import { StepExecutor } from '../src/step-executor';
import { MemoryCluster } from './memory-cluster';
import { objectKey, RecordingWriter } from './recording-writer';
import { scenarioApp, type Scenario } from './sync-scenarios';

const TRACKING = 'argocd.argoproj.io/tracking-id';
const STARTED_AT = '2026-11-29T10:00:00Z';
/** Steps after which an operation that still waits (for a `Prune=confirm` approval that never comes) is left. */
const MAX_STEPS = 40;

/** What a sync in memory did. */
export interface MemorySyncRun {
  cluster: MemoryCluster;
  writer: RecordingWriter;
  plan: SyncPlan;
  results: TaskResults;
  /** resourceVersion of every object before the sync, by key. */
  before: Map<string, string>;
}

/** resourceVersions of every object of a cluster in memory, by key. */
export function versions(objects: readonly KubeObject[]): Map<string, string> {
  return new Map(objects.map((o) => [objectKey(o), String(o.metadata?.resourceVersion)]));
}

/**
 * Runs a scenario's sync operation in memory through the operation runner's own parts: compareApp, planOperation
 * and the StepExecutor's steps (nextStep, clean-up, applies and deletes) until it is done. The manifests are given
 * directly instead of being rendered by the repo-server (the properties are about the runner's writes, not about
 * rendering), and the cluster is a MemoryCluster behind a RecordingWriter that records every write call.
 */
export async function syncInMemory(s: Scenario, namespaceExists: boolean): Promise<MemorySyncRun> {
  const namespace: KubeObject[] = namespaceExists ? [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: s.dest } }] : [];
  const cluster = new MemoryCluster([...s.live, ...namespace]);
  const before = versions(cluster.all());
  const writer = new RecordingWriter(cluster, async (o) => {
    const live = cluster.byKey(objectKey(o));
    return { exists: live !== undefined, tracking: (live?.metadata?.annotations as Record<string, string> | undefined)?.[TRACKING] };
  });
  const app = scenarioApp(s, 'argocd', STARTED_AT);
  const comparison = await compareApp({ appName: s.app, spec: app.spec, rendered: structuredClone(s.desired), live: cluster });
  const plan = planOperation({ app, sync: s.sync, comparison, revision: 'rev-1', startedAt: STARTED_AT, live: cluster, isNamespaced: defaultIsNamespaced });
  const executor = new StepExecutor(writer, cluster);
  const ctx = { pruneConfirmed: isDeletionApproved(app.metadata.annotations, STARTED_AT) };
  let results: TaskResults = {};
  for (let i = 0; i < MAX_STEPS; i++) {
    const taken = await executor.step(plan, results, ctx);
    results = taken.results;
    if (taken.step.kind === StepKind.Done) break;
  }
  return { cluster, writer, plan, results, before };
}

/** Deletes the scenario's app with the resources finalizer, in memory: rounds of deleteAppResources until done. */
export async function deleteAppInMemory(s: Scenario, cluster: MemoryCluster, approved: boolean): Promise<RecordingWriter> {
  const writer = new RecordingWriter(cluster);
  for (let round = 0; round < 5; round++) {
    const pending = await deleteAppResources(cluster.managedBy(s.app), writer, { approved, propagationPolicy: 'Foreground' });
    if (pending === 0) break;
  }
  return writer;
}
