import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { createTestNamespace, eventually, testApplication, type TestNamespace } from '@fjord/devkit';
import { setTracking } from '@fjord/diff';
import { credentials } from '@grpc/grpc-js';
import { parseManifests } from '@fjord/k8s-yaml';
import { createLogger, startGrpcServer } from '@fjord/platform';
import { controller as controllerProto } from '@fjord/proto';
import type { Application } from '@fjord/argo';
import { controllerHandlers } from './controller-handlers';
import { startHarness, type ControllerHarness } from '../test/controller-harness';

// Given a config repository on a Git HTTP server, a repo-server process and the controller on the real cluster,
// each Application's status follows the world: Missing before anything is applied, Synced and Healthy once the
// desired objects are applied, OutOfSync naming the manager that drifted, Missing after a delete, Degraded for a
// stuck rollout, and a ComparisonError for a render error without disturbing the other apps.

jest.setTimeout(180_000);
const deployment = (name: string, extra: Record<string, unknown> = {}) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
spec:
  replicas: 1
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec:
      containers: [{name: web, image: "nginx:1.27", ports: [{containerPort: 80}]}]
${Object.entries(extra)
  .map(([k, v]) => `  ${k}: ${JSON.stringify(v)}`)
  .join('\n')}
`;
const service = (name: string) => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
spec:
  selector: {app: ${name}}
  ports: [{port: 80, targetPort: 80}]
`;

let h: ControllerHarness;
let destNs: TestNamespace;
let root: string;

beforeAll(async () => {
  const files: Record<string, string> = {
    'apps/web/deploy.yaml': deployment('web'),
    'apps/web/svc.yaml': service('web'),
    'apps/stuck/deploy.yaml': deployment('stuck', {})
      .replace('  replicas: 1', '  replicas: 1\n  progressDeadlineSeconds: 2')
      .replace('      containers:', '      nodeSelector: {no-such-node: "true"}\n      containers:'),
    'apps/broken/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: [broken\n',
    'apps/secret/secret.yaml': 'apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: desired-hunter2}\n',
  };
  for (let i = 0; i < 200; i++) files[`many/a-${i}/cm.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\ndata:\n  i: "${i}"\n`;
  h = await startHarness(files);
  destNs = await createTestNamespace('payments', h.kc);
  root = mkdtempSync(join(tmpdir(), 'fjord-ctrl-'));
});

afterAll(async () => {
  await h?.stop();
  await destNs?.remove();
  rmSync(root, { recursive: true, force: true });
});

const createApp = (name: string, path: string) => h.createApp(name, testApplication({ name, repoURL: h.repoURL, path, destNamespace: destNs.name }).spec);
/** Applies the app's desired objects the way Fjord's sync will: server-side apply, tracking annotation, namespace. */
function applyAsFjord(app: string, yamlFiles: string[]): void {
  const dir = mkdtempSync(join(root, 'apply-'));
  yamlFiles.forEach((text, i) => {
    const [obj] = parseManifests(text, `${app}-${i}.yaml`);
    obj.metadata = { ...obj.metadata, namespace: destNs.name };
    writeFileSync(join(dir, `${i}.json`), JSON.stringify(setTracking(obj, { name: app, destinationNamespace: destNs.name })));
  });
  h.kubectl('apply', '--server-side', '--field-manager', 'fjord-controller', '-f', dir);
}

describe('app-controller status', () => {
  it('shows an app OutOfSync and Missing before anything is applied', async () => {
    await createApp('web', 'apps/web');
    const app = await h.waitFor('web', (a) => {
      expect(a.status?.sync?.status).toBe('OutOfSync');
      expect(a.status?.health?.status).toBe('Missing');
    });
    expect(app.status?.sync?.revision).toBe(h.repo.git('rev-parse', 'HEAD'));
    expect(app.status?.sourceType).toBe('Directory');
    expect(app.status?.resources?.map((r) => `${r.kind}/${r.name}:${r.status}:${r.health?.status}`).sort()).toEqual([
      'Deployment/web:OutOfSync:Missing',
      'Service/web:OutOfSync:Missing',
    ]);
    expect(app.status?.summary?.images).toEqual(['nginx:1.27']);
  });

  it('turns Synced and Healthy once the desired objects are applied, though they omit defaulted fields', async () => {
    applyAsFjord('web', [deployment('web'), service('web')]);
    await h.waitFor('web', (a) => {
      expect(a.status?.sync?.status).toBe('Synced');
      expect(a.status?.health?.status).toBe('Healthy');
    });
  });

  it('goes OutOfSync after kubectl scale, naming the manager that drifted', async () => {
    h.kubectl('scale', '-n', destNs.name, 'deployment/web', '--replicas=3');
    const app = await h.waitFor('web', (a) => expect(a.status?.sync?.status).toBe('OutOfSync'));
    const web = app.status?.resources?.find((r) => r.kind === 'Deployment');
    expect(web?.status).toBe('OutOfSync');
    expect((web as { driftedBy?: string[] }).driftedBy?.join('\n')).toMatch(/kubectl.*spec\.replicas/);
    h.kubectl('scale', '-n', destNs.name, 'deployment/web', '--replicas=1');
    applyAsFjord('web', [deployment('web'), service('web')]);
    await h.waitFor('web', (a) => expect(a.status?.sync?.status).toBe('Synced'));
  });

  it('shows a deleted Service as Missing', async () => {
    h.kubectl('delete', '-n', destNs.name, 'service/web');
    const app = await h.waitFor('web', (a) => expect(a.status?.resources?.find((r) => r.kind === 'Service')?.health?.status).toBe('Missing'));
    expect(app.status?.sync?.status).toBe('OutOfSync');
  });

  it('shows a Deployment whose rollout cannot progress as Degraded', async () => {
    await createApp('stuck', 'apps/stuck');
    await h.waitFor('stuck', (a) => expect(a.status?.health?.status).toBe('Missing'));
    const stuck = deployment('stuck')
      .replace('  replicas: 1', '  replicas: 1\n  progressDeadlineSeconds: 2')
      .replace('      containers:', '      nodeSelector: {no-such-node: "true"}\n      containers:');
    applyAsFjord('stuck', [stuck]);
    const app = await h.waitFor('stuck', (a) => expect(a.status?.health?.status).toBe('Degraded'), 90_000);
    expect(app.status?.health?.message).toBe(`Caused by apps/Deployment:${destNs.name}/stuck`);
    expect(app.status?.resources?.[0]?.health?.message).toMatch(/exceeded its progress deadline/);
  });

  it('turns a render error into a ComparisonError, and keeps serving the other apps', async () => {
    await createApp('broken', 'apps/broken');
    const app = await h.waitFor('broken', (a) => expect(a.status?.conditions?.some((c) => c.type === 'ComparisonError')).toBe(true));
    expect(app.status?.conditions?.[0].message).toMatch(/apps\/broken\/cm\.yaml:\d+/);
    expect(app.status?.sync?.status).toBe('Unknown');
    h.kubectl('annotate', '-n', h.fjordNs.name, 'application/web', 'argocd.argoproj.io/refresh=normal');
    await h.waitFor('web', (a) => expect(a.metadata.annotations?.['argocd.argoproj.io/refresh']).toBeUndefined());
  });

  it('brings 200 apps to a correct status with the default processors', async () => {
    const started = Date.now();
    const even = Array.from({ length: 100 }, (_, i) => 2 * i);
    const dir = mkdtempSync(join(root, 'many-'));
    for (const i of even) {
      const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: destNs.name }, data: { i: String(i) } };
      writeFileSync(join(dir, `${i}.json`), JSON.stringify(setTracking(cm, { name: `many-${i}`, destinationNamespace: destNs.name })));
    }
    h.kubectl('apply', '--server-side', '--field-manager', 'fjord-controller', '-f', dir);
    await Promise.all(Array.from({ length: 200 }, (_, i) => createApp(`many-${i}`, `many/a-${i}`)));
    await eventually(
      async () => {
        const list = (await h.kc.makeApiClient(CustomObjectsApi).listNamespacedCustomObject({
          group: 'argoproj.io',
          version: 'v1alpha1',
          namespace: h.fjordNs.name,
          plural: 'applications',
        })) as { items: Application[] };
        const many = list.items.filter((a) => a.metadata.name.startsWith('many-'));
        const wrong = many.filter((a) => {
          const i = Number(a.metadata.name.slice(5));
          const want = i % 2 === 0 ? 'Synced/Healthy' : 'OutOfSync/Missing';
          return `${a.status?.sync?.status}/${a.status?.health?.status}` !== want;
        });
        if (many.length !== 200 || wrong.length) throw new Error(`${wrong.length} of ${many.length} apps not yet correct`);
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    const seconds = (Date.now() - started) / 1000;
    const rss = Math.round(process.memoryUsage().rss / 2 ** 20);
    console.log(
      `200 apps reached a correct status in ${seconds.toFixed(1)} s; test process (controller in-process) RSS ${rss} MiB; stats ${JSON.stringify(h.controller.stats())}`,
    );
  });

  it('makes no Kubernetes writes and no dry runs on a full resync when nothing changed', async () => {
    await new Promise((r) => setTimeout(r, 1000)); // let the last status writes come back through the watch
    const before = h.controller.stats();
    h.controller.refreshAll();
    await eventually(() => expect(h.controller.stats().reconciles - before.reconciles).toBeGreaterThanOrEqual(before.apps), { timeoutMs: 60_000 });
    const after = h.controller.stats();
    expect(after.statusWrites - before.statusWrites).toBe(0);
    expect(after.dryRuns - before.dryRuns).toBe(0);
  });
});

describe('the ControllerService the api-gateway calls', () => {
  it('serves the resource tree with pods under their Deployment, and managed resources with Secret values redacted', async () => {
    const server = await startGrpcServer({
      host: '127.0.0.1',
      port: 0,
      logger: createLogger({ service: 'test', level: 'warn' }),
      services: [{ definition: controllerProto.ControllerServiceService, implementation: controllerHandlers(h.controller) }],
    });
    const client = new controllerProto.ControllerServiceClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
    const call = <Res>(method: 'getResourceTree' | 'getManagedResources', name: string) =>
      new Promise<Res>((resolve, reject) =>
        (client[method] as unknown as (r: unknown, cb: (e: unknown, r: Res) => void) => void).call(
          client,
          { app: { name, namespace: h.fjordNs.name } },
          (e, r) => (e ? reject(e) : resolve(r)),
        ),
      );
    try {
      await createApp('secret', 'apps/secret');
      applyAsFjord('secret', ['apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: live-s3cr3t}\n']);
      await h.waitFor('secret', (a) => expect(a.status?.sync?.status).toBe('OutOfSync'));
      const managed = await eventually(() =>
        call<{ items: { modified: boolean; diff: string; liveState: string; targetState: string }[] }>('getManagedResources', 'secret'),
      );
      const text = JSON.stringify(managed);
      expect(managed.items[0].modified).toBe(true);
      for (const secret of [
        'live-s3cr3t',
        'desired-hunter2',
        Buffer.from('live-s3cr3t').toString('base64'),
        Buffer.from('desired-hunter2').toString('base64'),
      ]) {
        expect(text).not.toContain(secret);
      }
      const tree = await call<{ nodes: { ref: { kind: string; name: string }; parentRefs: { kind: string }[] }[] }>('getResourceTree', 'web');
      const kinds = tree.nodes.map((n) => n.ref.kind);
      expect(kinds).toEqual(expect.arrayContaining(['Deployment', 'ReplicaSet', 'Pod']));
      expect(tree.nodes.find((n) => n.ref.kind === 'Pod')?.parentRefs[0].kind).toBe('ReplicaSet');
    } finally {
      client.close();
      await server.stop(100);
    }
  });
});
