import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { ClusterCache } from '@fjord/cluster-cache';
import { APPLICATIONS, createTestNamespace, eventually, testApplication } from '@fjord/devkit';
import { getResourceHealth } from '@fjord/health';
import { createLogger } from '@fjord/platform';
import type { Application } from '@fjord/argo';
import { AppComparer } from './app-comparison';
import { AppEvents } from './app-events';
import { AppWriter } from './app-writer';
import { DryRunner } from './dry-run';
import { KubeClient } from './kube-client';
import { OperationRunner } from './operation-runner';
import { repoClient } from './repo-client';
import { StepExecutor } from './step-executor';
import { startHarness, type ControllerHarness } from '../test/controller-harness';

// A sync operation on the real cluster, as a user meets it: a sync waiting on a slow Deployment waits on the
// cluster's changes (it renders and compares nothing while it waits) and finishes when the Deployment is ready; a
// waiting sync is terminated as `DELETE …/operation` asks (the API marks it Terminating) and applies nothing more;
// FailOnSharedResource refuses to take over another app's resource; RespectIgnoreDifferences keeps a field the
// app ignores as the cluster has it.

jest.setTimeout(240_000);
const suffix = randomBytes(3).toString('hex');
const slowLabel = `fjord-slow-${suffix}`; // wave 0 of 'slow' is scheduled once the test puts this label on the node
const neverLabel = `fjord-never-${suffix}`; // no node ever gets it
const gate = (label: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: gate
  annotations: {argocd.argoproj.io/sync-wave: "0"}
spec:
  replicas: 1
  selector: {matchLabels: {app: gate}}
  template:
    metadata: {labels: {app: gate}}
    spec: {nodeSelector: {${label}: "yes"}, containers: [{name: app, image: "registry.local/app:v1"}]}
`;
const after = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: after\n  annotations: {argocd.argoproj.io/sync-wave: "1"}\ndata: {wave: "1"}\n';

let h: ControllerHarness;

beforeAll(async () => {
  h = await startHarness({
    'slow/gate.yaml': gate(slowLabel),
    'slow/after.yaml': after,
    'stuck/gate.yaml': gate(neverLabel),
    'stuck/after.yaml': after,
    // a PreSync hook Job whose pod is never scheduled, then a resource of the Sync phase
    'hooked/migrate.yaml': `apiVersion: batch/v1
kind: Job
metadata:
  name: migrate
  annotations: {argocd.argoproj.io/hook: PreSync}
spec:
  template:
    spec: {restartPolicy: Never, nodeSelector: {${neverLabel}: "yes"}, containers: [{name: job, image: "registry.local/job:v1"}]}
`,
    'hooked/after.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: after}\n',
    'shared/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: shared-cm}\ndata: {from: git}\n',
    'tuned/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: tuned}\ndata: {mode: git, other: git}\n',
  });
});
afterAll(async () => {
  await h?.stop();
});

/** A manually synced app of `path`, deployed to a namespace of its own name. */
async function createApp(name: string, path: string, extra: Record<string, unknown> = {}): Promise<void> {
  h.removeOnStop(name);
  await h.createApp(name, {
    project: 'default',
    source: { repoURL: h.repoURL, targetRevision: 'HEAD', path },
    destination: { server: 'https://kubernetes.default.svc', namespace: name },
    ...extra,
  });
  await h.waitFor(name, (a) => expect(a.status?.sync?.status).toBe('OutOfSync'));
}

const sync = (name: string, syncOptions: string[] = []) =>
  h.patchApp(name, { operation: { sync: { prune: true, syncOptions: ['CreateNamespace=true', ...syncOptions] }, initiatedBy: { username: 'test' } } });
const stateOf = (a: Application) => ({ ...a.status?.operationState });
const waitingOnGate = (a: Application) => expect(stateOf(a).message).toMatch(/waiting for healthy state of apps\/Deployment\/gate/);
/** Creates the app of `path` and syncs it until its operation waits on the gate Deployment. */
async function syncUntilWaitingOnGate(name: string, path: string): Promise<void> {
  await createApp(name, path);
  await sync(name);
  await h.waitFor(name, waitingOnGate, 60_000);
}
/** Marks the app's operation Terminating, as the API does for DELETE /api/v1/applications/{name}/operation. */
const terminate = (name: string, namespace = h.fjordNs.name) =>
  h.kc
    .makeApiClient(CustomObjectsApi)
    .patchNamespacedCustomObjectStatus(
      { ...APPLICATIONS, namespace, name, body: { status: { operationState: { phase: 'Terminating' } } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
const ended = (a: Application) => {
  expect(a.operation).toBeUndefined();
  expect(stateOf(a).phase).toMatch(/^(Succeeded|Failed|Error)$/);
};

/** What sync operations have asked of the repo-server and the comparer so far (the status path's counts apart). */
async function operationCounts(): Promise<{ renders: number; comparisons: number }> {
  const count = async (c: { get(): Promise<{ values: { labels: Record<string, unknown>; value: number }[] }> }) =>
    (await c.get()).values.find((v) => v.labels.caller === 'operation')?.value ?? 0;
  return { renders: await count(h.metrics.rendersRequested), comparisons: await count(h.metrics.comparisonsComputed) };
}

const readConfigMap = (name: string, namespace: string) => h.kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name, namespace });

describe('a sync waiting on a slow Deployment', () => {
  it('renders and compares nothing while it waits, and succeeds once the Deployment is ready', async () => {
    const name = `slow-${suffix}`;
    await syncUntilWaitingOnGate(name, 'slow');
    const before = await operationCounts();
    // the operation rendered once before it waited; its comparison may have been the status path's, still valid then,
    // but not later: what it waits on (the Deployment, its ReplicaSet and Pod) has changed since
    expect(before.renders).toBeGreaterThanOrEqual(1);
    // longer than the parked operation's recheck: it is looked at again, from memory
    for (let i = 0; i < 4; i++) {
      await sleep(2000);
      expect(await operationCounts()).toEqual(before);
      waitingOnGate(await h.getApp(name));
    }
    await expect(readConfigMap('after', name)).rejects.toMatchObject({ code: 404 });
    h.kubectl('label', 'node', 'kwok-node-0', `${slowLabel}=yes`, '--overwrite');
    try {
      const app = await h.waitFor(name, ended, 90_000);
      expect(stateOf(app).phase).toBe('Succeeded');
      expect((await readConfigMap('after', name)).data).toEqual({ wave: '1' });
      expect(await operationCounts()).toEqual(before); // the wave after the wait needed no comparison either
    } finally {
      h.kubectl('label', 'node', 'kwok-node-0', `${slowLabel}-`);
    }
  });
});

describe('terminating a waiting sync', () => {
  it('ends it Failed "Operation terminated", clears it, records an Event, and applies no later wave', async () => {
    const name = `stuck-${suffix}`;
    await syncUntilWaitingOnGate(name, 'stuck');
    await terminate(name);
    // from Terminating the phase only goes on to Failed: never back to Running
    const phases: string[] = [];
    const app = await eventually(
      async () => {
        const a = await h.getApp(name);
        phases.push(stateOf(a).phase ?? '');
        ended(a);
        return a;
      },
      { timeoutMs: 30_000, intervalMs: 50 },
    );
    expect(phases.slice(phases.indexOf('Terminating'))).not.toContain('Running');
    expect(stateOf(app)).toMatchObject({ phase: 'Failed', message: 'Operation terminated' });
    const events = await h.kc.makeApiClient(CoreV1Api).listNamespacedEvent({ namespace: h.fjordNs.name, fieldSelector: `involvedObject.name=${name}` });
    expect(events.items.map((e) => `${e.reason}: ${e.message}`)).toContain('OperationFailed: Sync operation failed: Operation terminated');
    await sleep(3000); // nothing of wave 1 comes later either
    await expect(readConfigMap('after', name)).rejects.toMatchObject({ code: 404 });
    expect(stateOf(await h.getApp(name)).phase).toBe('Failed');
  });

  it('deletes a hook still running, records it Failed "Terminated", and runs no later phase', async () => {
    const name = `hooked-${suffix}`;
    await createApp(name, 'hooked');
    await sync(name);
    await h.waitFor(name, (a) => expect(stateOf(a).message).toMatch(/waiting for completion of hook batch\/Job\/migrate/), 60_000);
    await terminate(name);
    const app = await h.waitFor(name, ended, 30_000);
    expect(stateOf(app)).toMatchObject({ phase: 'Failed', message: 'Operation terminated' });
    const hook = app.status?.operationState?.syncResult?.resources?.find((r) => r.kind === 'Job');
    expect(hook).toMatchObject({ hookPhase: 'Failed', message: 'Terminated' });
    // the hook finalizer was dropped, so the Job is gone rather than stuck in deletion
    await eventually(() => expect(h.kubectl('get', 'jobs', '-n', name, '-o', 'name').trim()).toBe(''), { timeoutMs: 30_000, intervalMs: 250 });
    await expect(readConfigMap('after', name)).rejects.toMatchObject({ code: 404 });
  });
});

describe('the runner and a Terminating operation', () => {
  it('never writes a copy read before Terminating over it: the write is refused, the app read again, the operation ended', async () => {
    // a runner of its own, on an app in a namespace the harness's controller does not serve: no one else acts on it
    const appNs = await createTestNamespace('race', h.kc);
    const cache = new ClusterCache({ kubeConfig: h.kc, assessHealth: getResourceHealth });
    const repo = repoClient(h.repoServerAddress);
    try {
      await cache.start();
      const client = new KubeClient(h.kc, cache);
      const logger = createLogger({ service: 'test', level: 'warn' });
      const dryRun = new DryRunner(client);
      const runner = new OperationRunner({
        cache,
        comparer: new AppComparer(repo, cache, (desired, live) => dryRun.predict(desired, live)),
        writer: client,
        executor: new StepExecutor(client, cache),
        apps: new AppWriter(client),
        objects: client,
        events: new AppEvents(client, logger),
        logger,
      });
      const name = `race-${suffix}`;
      h.removeOnStop(name);
      const api = h.kc.makeApiClient(CustomObjectsApi);
      const base = { ...APPLICATIONS, namespace: appNs.name };
      await api.createNamespacedCustomObject({
        ...base,
        body: {
          ...testApplication({ name, repoURL: h.repoURL, path: 'stuck', destNamespace: name }),
          operation: { sync: { syncOptions: ['CreateNamespace=true'] }, initiatedBy: { username: 'test' } },
        },
      });
      const read = async () => (await api.getNamespacedCustomObject({ ...base, name })) as Application;
      await eventually(
        async () => {
          await runner.run(await read());
          waitingOnGate(await read());
        },
        { timeoutMs: 60_000, intervalMs: 100 },
      );
      const stale = await read();
      stale.status!.operationState!.message = 'as this copy has it'; // so the runner has something to write
      await terminate(name, appNs.name);
      await expect(runner.run(stale)).resolves.toEqual({ requeueAfterMs: 0 });
      expect(stateOf(await read()).phase).toBe('Terminating');
      await runner.run(await read());
      const app = await read();
      ended(app);
      expect(stateOf(app)).toMatchObject({ phase: 'Failed', message: 'Operation terminated' });
      await expect(readConfigMap('after', name)).rejects.toMatchObject({ code: 404 });
    } finally {
      repo.close();
      await cache.stop();
      await appNs.remove();
    }
  });
});

describe('sync options', () => {
  it('FailOnSharedResource=true fails a sync of a resource another app tracks, and applies nothing', async () => {
    const name = `shared-${suffix}`;
    const other = `other-${suffix}`;
    await h.kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name } } });
    const tracking = `${other}:/ConfigMap:${name}/shared-cm`;
    await h.kc.makeApiClient(CoreV1Api).createNamespacedConfigMap({
      namespace: name,
      body: { metadata: { name: 'shared-cm', annotations: { 'argocd.argoproj.io/tracking-id': tracking } }, data: { from: 'other' } },
    });
    await createApp(name, 'shared');
    await sync(name, ['FailOnSharedResource=true']);
    const failed = await h.waitFor(name, ended, 60_000);
    expect(stateOf(failed)).toMatchObject({
      phase: 'Failed',
      message: `Shared resource found: ConfigMap/shared-cm is part of applications ${name} and ${other}`,
    });
    const untouched = await readConfigMap('shared-cm', name);
    expect(untouched.data).toEqual({ from: 'other' });
    expect(untouched.metadata?.annotations?.['argocd.argoproj.io/tracking-id']).toBe(tracking);
    // without the option the same sync takes the resource over, as Argo CD does
    await sync(name);
    await h.waitFor(name, (a) => expect(stateOf(a).phase).toBe('Succeeded'), 60_000);
    expect((await readConfigMap('shared-cm', name)).data).toEqual({ from: 'git' });
  });

  it('RespectIgnoreDifferences=true keeps an ignored field as the cluster has it; without it Git wins', async () => {
    const name = `tuned-${suffix}`;
    await createApp(name, 'tuned', { ignoreDifferences: [{ kind: 'ConfigMap', name: 'tuned', jsonPointers: ['/data/mode'] }] });
    await sync(name);
    await h.waitFor(name, (a) => expect(stateOf(a).phase).toBe('Succeeded'), 60_000);
    const edit = () => h.kubectl('patch', 'configmap', 'tuned', '-n', name, '--type', 'merge', '-p', '{"data":{"mode":"cluster","other":"cluster"}}');
    edit();
    await h.waitFor(name, (a) => expect(a.operation).toBeUndefined());
    await sync(name, ['RespectIgnoreDifferences=true']);
    await h.waitFor(name, (a) => expect(a.operation === undefined && stateOf(a).phase === 'Succeeded').toBe(true), 60_000);
    expect((await readConfigMap('tuned', name)).data).toEqual({ mode: 'cluster', other: 'git' });
    edit();
    await sleep(1100); // the same request again is a new operation; times of writes are kept to the second
    await sync(name);
    await eventually(async () => expect((await readConfigMap('tuned', name)).data).toEqual({ mode: 'git', other: 'git' }), {
      timeoutMs: 60_000,
      intervalMs: 250,
    });
  });
});
