import { randomBytes } from 'node:crypto';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { ResourcesFinalizer, type Application } from '@fjord/argo';
import { APPLICATIONS, eventually } from '@fjord/devkit';
import { startHarness, type ControllerHarness } from '../test/controller-harness';

// The user's story on the real cluster: an automated Kustomize app with CreateNamespace=true converges, a file
// removed from Git is pruned, hand-made drift is repaired by self-heal (and the Event names it), waves and
// PreSync/PostSync hooks run in order, and a project that forbids the destination applies nothing.

jest.setTimeout(240_000);
const suffix = randomBytes(3).toString('hex');
const dest = `payments-${suffix}`;
// App names are unique per run: resources tracked by an app of the same name in a namespace still being deleted
// by an earlier run would otherwise be pruned by this one (tracking ids name the app, not its namespace).
const app1 = `payments-${suffix}`;
const deployment = (name: string, wave?: number) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}${wave === undefined ? '' : `\n  annotations: {argocd.argoproj.io/sync-wave: "${wave}"}`}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: app, image: "registry.local/app:v1"}]}
`;
const service = (name: string) => `apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec: {selector: {app: ${name}}, ports: [{port: 80}]}
`;
const job = (name: string, hook: string) => `apiVersion: batch/v1
kind: Job
metadata:
  name: ${name}
  annotations: {argocd.argoproj.io/hook: ${hook}, argocd.argoproj.io/hook-delete-policy: BeforeHookCreation}
spec:
  template:
    spec: {restartPolicy: Never, containers: [{name: job, image: "registry.local/job:v1"}]}
`;

let h: ControllerHarness;

beforeAll(async () => {
  h = await startHarness({
    'base/kustomization.yaml': 'resources: [deploy.yaml, svc.yaml, extra.yaml]\n',
    'base/deploy.yaml': deployment('my-app'),
    'base/svc.yaml': service('my-app'),
    'base/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {a: b}\n',
    'overlays/production/kustomization.yaml': 'resources: [../../base]\nimages: [{name: registry.local/app, newTag: v1}]\n',
    'waves/a-db.yaml': deployment('db', 0),
    'waves/b-web.yaml': deployment('web', 1),
    'waves/pre.yaml': job('migrate', 'PreSync'),
    'waves/post.yaml': job('smoke-test', 'PostSync'),
    // A PreSync hook the API server refuses (a Job may not restart Always), and a SyncFail hook that must then run.
    'failing/bad-hook.yaml': job('bad-migrate', 'PreSync').replace('restartPolicy: Never', 'restartPolicy: Always'),
    'failing/on-fail.yaml':
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: on-fail\n  annotations: {argocd.argoproj.io/hook: SyncFail}\ndata: {ran: "yes"}\n',
    'failing/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: never-applied}\n',
    'plain/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\ndata: {a: b}\n',
    // Wave 0 cannot become healthy until the test labels the node; wave 1 follows it.
    'resume/gate.yaml': deployment('gate', 0).replace('    spec: {containers:', `    spec: {nodeSelector: {fjord-resume-${suffix}: "yes"}, containers:`),
    'resume/after.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: after\n  annotations: {argocd.argoproj.io/sync-wave: "1"}\n',
  });
});
afterAll(async () => {
  await h?.stop();
  for (const ns of [dest, `waves-${suffix}`, `failing-${suffix}`, `retry-${suffix}`, `doomed-${suffix}`, `resume-${suffix}`, `rollback-${suffix}`])
    await h?.kc
      .makeApiClient(CoreV1Api)
      .deleteNamespace({ name: ns })
      .catch(() => undefined);
});

const automated = (path: string, namespace: string, extra: Record<string, unknown> = {}) => ({
  project: 'default',
  source: { repoURL: h.repoURL, targetRevision: 'HEAD', path },
  destination: { server: 'https://kubernetes.default.svc', namespace },
  syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
  ...extra,
});

describe('sync', () => {
  it('creates the namespace and brings a Kustomize overlay app to Synced and Healthy', async () => {
    await h.createApp(app1, automated('overlays/production', dest));
    const app = await h.waitFor(
      app1,
      (a) => {
        expect(a.status?.sync?.status).toBe('Synced');
        expect(a.status?.health?.status).toBe('Healthy');
        expect(a.status?.operationState?.phase).toBe('Succeeded');
      },
      90_000,
    );
    const ns = await h.kc.makeApiClient(CoreV1Api).readNamespace({ name: dest });
    expect(ns.metadata?.name).toBe(dest);
    expect(app.status?.history?.length).toBeGreaterThanOrEqual(1);
    expect(app.status!.operationState!.phase).toBe('Succeeded');
    const svc = await h.kc.makeApiClient(CoreV1Api).readNamespacedService({ name: 'my-app', namespace: dest });
    expect(svc.metadata?.annotations?.['argocd.argoproj.io/tracking-id']).toBe(`${app1}:/Service:${dest}/my-app`);
    expect(svc.metadata?.managedFields?.some((m) => m.manager === 'fjord-controller')).toBe(true);
  });

  it('prunes a resource whose file was removed in a new commit', async () => {
    const next = h.repo.commit({ 'base/extra.yaml': null, 'base/kustomization.yaml': 'resources: [deploy.yaml, svc.yaml]\n' }, 'drop extra');
    await h.patchApp(app1, { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } } });
    await h.waitFor(
      app1,
      (a) => {
        expect(a.status?.sync?.revision).toBe(next);
        expect(a.status?.sync?.status).toBe('Synced');
      },
      60_000,
    );
    await expect(h.kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'extra', namespace: dest })).rejects.toMatchObject({ code: 404 });
  });

  it('repairs a deleted Service and a scaled Deployment by self-heal, and names the drift in an Event', async () => {
    const latencies: number[] = [];
    const idle = () =>
      h.waitFor(app1, (a) => {
        expect(a.operation).toBeUndefined();
        expect(a.status?.operationState?.phase).toBe('Succeeded');
      });
    for (const drift of [
      ['delete', '-n', dest, 'service/my-app'],
      ['scale', '-n', dest, 'deployment/my-app', '--replicas=4'],
    ]) {
      await idle(); // each drift must meet an idle app, so that it is self-heal (not a running sync) that repairs it
      const t0 = Date.now();
      h.kubectl(...drift);
      await h.waitFor(
        app1,
        () => {
          const replicas = JSON.parse(h.kubectl('get', '-n', dest, 'deployment/my-app', '-o', 'json')).spec.replicas;
          expect(replicas).toBe(1);
          h.kubectl('get', '-n', dest, 'service/my-app');
        },
        30_000,
      );
      latencies.push(Date.now() - t0);
    }
    console.log(`self-heal latency (drift to repaired, as seen by polling kubectl): ${latencies.join(' ms, ')} ms`);
    const events = await h.kc.makeApiClient(CoreV1Api).listNamespacedEvent({ namespace: h.fjordNs.name, fieldSelector: `involvedObject.name=${app1}` });
    const healed = events.items
      .filter((e) => e.reason === 'ResourceDrifted')
      .map((e) => e.message)
      .join('\n');
    expect(healed).toMatch(/Service\/my-app \(deleted\)/);
    expect(healed).toMatch(/Deployment\/my-app changed by kubectl/);
  });

  it('runs PreSync, the waves in order, then PostSync, with hook Jobs completing under kwok', async () => {
    await h.createApp(`waves-${suffix}`, automated('waves', `waves-${suffix}`));
    const app = await h.waitFor(`waves-${suffix}`, (a) => expect(a.status?.operationState?.phase).toBe('Succeeded'), 120_000);
    const results = app.status!.operationState!.syncResult!.resources!;
    expect(results.map((r) => `${r.syncPhase}:${r.kind}/${r.name}`)).toEqual([
      `PreSync:Namespace/waves-${suffix}`,
      'PreSync:Job/migrate',
      'Sync:Deployment/db',
      'Sync:Deployment/web',
      'PostSync:Job/smoke-test',
    ]);
    expect(results.filter((r) => r.kind === 'Job').every((r) => r.hookPhase === 'Succeeded')).toBe(true);
  });

  it('applies nothing when the project forbids the destination', async () => {
    await h.kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      namespace: h.fjordNs.name,
      plural: 'appprojects',
      body: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { name: 'narrow' },
        spec: { sourceRepos: ['*'], destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'only-here' }] },
      },
    });
    const ns = `forbidden-${suffix}`;
    await h.createApp(`forbidden-${suffix}`, { ...automated('overlays/production', ns), project: 'narrow' });
    const app = await h.waitFor(`forbidden-${suffix}`, (a) => expect(a.status?.operationState?.phase).toBe('Failed'), 60_000);
    expect(app.status!.operationState!.message).toMatch(/destination|not permitted/i);
    await expect(h.kc.makeApiClient(CoreV1Api).readNamespace({ name: ns })).rejects.toMatchObject({ code: 404 });
  });

  const manual = (path: string, namespace: string, extra: Record<string, unknown> = {}) => ({
    project: 'default',
    source: { repoURL: h.repoURL, targetRevision: 'HEAD', path },
    destination: { server: 'https://kubernetes.default.svc', namespace },
    ...extra,
  });
  const operation = (extra: Record<string, unknown> = {}) => ({ operation: { sync: { prune: true }, initiatedBy: { username: 'test' }, ...extra } });
  const phaseOf = (a: Application) => a.status?.operationState?.phase;

  it('fails the operation on a failing hook, runs the SyncFail hook, and applies nothing after it', async () => {
    const name = `failing-${suffix}`;
    await h.createApp(name, manual('failing', name, { syncPolicy: { syncOptions: ['CreateNamespace=true'] } }));
    await h.waitFor(name, (a) => expect(a.status?.sync?.status).toBe('OutOfSync'));
    await h.patchApp(name, operation());
    const app = await h.waitFor(name, (a) => expect(phaseOf(a)).toBe('Failed'), 60_000);
    expect(app.status!.operationState!.message).toMatch(/restartPolicy|Unsupported value/);
    const core = h.kc.makeApiClient(CoreV1Api);
    expect((await core.readNamespacedConfigMap({ name: 'on-fail', namespace: name })).data).toEqual({ ran: 'yes' });
    await expect(core.readNamespacedConfigMap({ name: 'never-applied', namespace: name })).rejects.toMatchObject({ code: 404 });
  });

  it('retries a transient failure with backoff, then succeeds', async () => {
    const name = `retry-${suffix}`;
    await h.createApp(name, manual('plain', name)); // no CreateNamespace: applying fails until the namespace exists
    await h.patchApp(name, operation({ retry: { limit: 5, backoff: { duration: '1s', factor: 1, maxDuration: '2s' } } }));
    await h.waitFor(name, (a) => expect(a.status?.operationState?.message).toMatch(/Retrying attempt #1/), 60_000);
    await h.kc.makeApiClient(CoreV1Api).createNamespace({ body: { metadata: { name } } });
    const app = await h.waitFor(name, (a) => expect(phaseOf(a)).toBe('Succeeded'), 60_000);
    expect(app.status!.operationState!.retryCount).toBeGreaterThanOrEqual(1);
    expect(app.status?.history?.length).toBe(1);
  });

  it('resumes an operation interrupted by a controller restart', async () => {
    const name = `resume-${suffix}`;
    await h.createApp(name, manual('resume', name, { syncPolicy: { syncOptions: ['CreateNamespace=true'] } }));
    await h.waitFor(name, (a) => expect(a.status?.sync?.status).toBe('OutOfSync'));
    await h.patchApp(name, operation());
    await h.waitFor(name, (a) => expect(a.status?.operationState?.message).toMatch(/waiting for healthy state of apps\/Deployment/), 60_000);
    const startedAt = (await h.getApp(name)).status!.operationState!.startedAt;
    await h.restartController();
    h.kubectl('label', 'node', 'kwok-node-0', `fjord-resume-${suffix}=yes`, '--overwrite');
    try {
      const app = await h.waitFor(name, (a) => expect(phaseOf(a)).toBe('Succeeded'), 90_000);
      expect(app.status!.operationState!.startedAt).toBe(startedAt);
      expect(h.kubectl('get', 'configmap', 'after', '-n', name, '-o', 'name').trim()).toBe('configmap/after');
    } finally {
      h.kubectl('label', 'node', 'kwok-node-0', `fjord-resume-${suffix}-`);
    }
  });

  it('deletes the resources of an app deleted with the resources finalizer, then the app', async () => {
    const name = `doomed-${suffix}`;
    await h.createApp(name, automated('plain', name), { finalizers: [ResourcesFinalizer.Foreground] });
    await h.waitFor(name, (a) => expect(a.status?.sync?.status).toBe('Synced'), 60_000);
    await h.kc.makeApiClient(CustomObjectsApi).deleteNamespacedCustomObject({ ...APPLICATIONS, namespace: h.fjordNs.name, name });
    await eventually(
      async () => {
        await expect(h.getApp(name)).rejects.toMatchObject({ code: 404 });
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    await expect(h.kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'plain', namespace: name })).rejects.toMatchObject({ code: 404 });
  });

  it('rolls back: a sync to an earlier history revision restores that revision', async () => {
    const name = `rollback-${suffix}`;
    await h.createApp(name, manual('plain', name, { syncPolicy: { syncOptions: ['CreateNamespace=true'] } }));
    await h.waitFor(name, (a) => expect(a.status?.sync?.status).toBe('OutOfSync'));
    await h.patchApp(name, operation());
    const first = await h.waitFor(name, (a) => expect(a.status?.history?.length).toBe(1), 60_000);
    const firstRevision = first.status!.history![0].revision;
    h.repo.commit({ 'plain/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: plain}\ndata: {a: changed}\n' }, 'change plain');
    await h.waitFor(name, (a) => expect(a.operation).toBeUndefined());
    // The same request again is a new operation; times of writes are kept to the second, so let one pass.
    await new Promise((r) => setTimeout(r, 1100));
    await h.patchApp(name, operation());
    await h.waitFor(name, (a) => expect(a.status?.history?.length).toBe(2), 60_000);
    expect(JSON.parse(h.kubectl('get', 'configmap', 'plain', '-n', name, '-o', 'json')).data).toEqual({ a: 'changed' });
    // what `fjord app rollback NAME 0` asks for: a sync to history entry 0's revision
    await h.waitFor(name, (a) => expect(a.operation).toBeUndefined());
    await h.patchApp(name, { operation: { sync: { revision: firstRevision, prune: true }, initiatedBy: { username: 'test' } } });
    const app = await h.waitFor(name, (a) => expect(a.status?.history?.length).toBe(3), 60_000);
    expect(app.status!.history![2].revision).toBe(firstRevision);
    expect(JSON.parse(h.kubectl('get', 'configmap', 'plain', '-n', name, '-o', 'json')).data).toEqual({ a: 'b' });
  });
});
