import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { Registry } from 'prom-client';
import { ClusterCache } from '@fjord/cluster-cache';
import {
  createGitFixture,
  createTestNamespace,
  eventually,
  installCrds,
  spawnService,
  startGitServer,
  testKubeConfig,
  type GitFixture,
  type GitServer,
  type ServiceProcess,
  type TestNamespace,
} from '@fjord/devkit';
import { setTracking } from '@fjord/diff';
import { getResourceHealth } from '@fjord/health';
import { credentials } from '@grpc/grpc-js';
import { createLogger, startGrpcServer } from '@fjord/platform';
import { controller as controllerProto } from '@fjord/proto';
import { controllerHandlers } from './controller-handlers';
import { ensureBinaries } from '@fjord/test-cluster';
import type { Application } from '@fjord/argo';
import type { AppController } from './app-controller';
import { createControllerMetrics } from './controller-metrics';
import { KubeClient } from './kube-client';
import { repoClient } from './repo-client';
import { composeController } from './service';

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

let kc: KubeConfig;
let kubectl: string;
let root: string;
let repo: GitFixture;
let git: GitServer;
let repoServer: ServiceProcess;
let controller: AppController;
let fjordNs: TestNamespace;
let destNs: TestNamespace;
const metrics = createControllerMetrics(new Registry());

beforeAll(async () => {
  kc = testKubeConfig();
  kubectl = (await ensureBinaries({ log: () => undefined })).kubectl;
  await installCrds(kc);
  fjordNs = await createTestNamespace('fjord', kc);
  destNs = await createTestNamespace('payments', kc);
  root = mkdtempSync(join(tmpdir(), 'fjord-ctrl-'));
  repo = createGitFixture(join(root, 'config.git'));
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
  repo.commit(files);
  git = await startGitServer({ root });
  repoServer = await spawnService('repo-server', {
    args: ['--port', '0', '--metrics-port', '0', '--repo-cache-dir', join(root, 'cache')],
    env: { LOG_LEVEL: 'warn', REDIS_URL: '' },
  });
  const cache = new ClusterCache({ kubeConfig: kc, assessHealth: getResourceHealth });
  const env = {
    kc,
    cache,
    client: new KubeClient(kc, cache),
    repo: repoClient(`127.0.0.1:${repoServer.grpcPort}`),
    logger: createLogger({ service: 'test', level: 'warn' }),
    metrics,
  };
  controller = composeController(env, {
    namespaces: [fjordNs.name],
    statusProcessors: 20,
    operationProcessors: 10,
    resyncMs: 180_000,
    resyncJitter: 0.2,
  });
  await controller.start();
});

afterAll(async () => {
  await controller?.stop();
  await repoServer?.stop();
  await git?.close();
  await fjordNs?.remove();
  await destNs?.remove();
  rmSync(root, { recursive: true, force: true });
});

const apps = () => kc.makeApiClient(CustomObjectsApi);
async function createApp(name: string, path: string): Promise<void> {
  await apps().createNamespacedCustomObject({
    group: 'argoproj.io',
    version: 'v1alpha1',
    namespace: fjordNs.name,
    plural: 'applications',
    body: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name },
      spec: {
        project: 'default',
        source: { repoURL: `${git.url}/config.git`, targetRevision: 'HEAD', path },
        destination: { server: 'https://kubernetes.default.svc', namespace: destNs.name },
      },
    },
  });
}
async function getApp(name: string): Promise<Application> {
  return (await apps().getNamespacedCustomObject({
    group: 'argoproj.io',
    version: 'v1alpha1',
    namespace: fjordNs.name,
    plural: 'applications',
    name,
  })) as Application;
}
async function waitForStatus(name: string, check: (app: Application) => void, timeoutMs = 60_000): Promise<Application> {
  return eventually(
    async () => {
      const app = await getApp(name);
      check(app);
      return app;
    },
    { timeoutMs, intervalMs: 250 },
  );
}
/** Applies the app's desired objects the way Fjord's sync will: server-side apply, tracking annotation, namespace. */
function applyAsFjord(app: string, yamlFiles: string[]): void {
  const dir = mkdtempSync(join(root, 'apply-'));
  yamlFiles.forEach((text, i) => {
    const obj = JSON.parse(
      execFileSync(kubectl, ['create', '--dry-run=client', '-o', 'json', '-f', '-'], {
        input: text,
        env: { ...process.env, KUBECONFIG: process.env.FJORD_TEST_KUBECONFIG },
      }).toString(),
    );
    obj.metadata.namespace = destNs.name;
    writeFileSync(join(dir, `${i}.json`), JSON.stringify(setTracking(obj, { name: app, destinationNamespace: destNs.name })));
  });
  kubectlRun('apply', '--server-side', '--field-manager', 'fjord-controller', '-f', dir);
}
const kubectlRun = (...args: string[]) => execFileSync(kubectl, ['--kubeconfig', process.env.FJORD_TEST_KUBECONFIG!, ...args], { encoding: 'utf8' });

describe('app-controller status', () => {
  it('shows an app OutOfSync and Missing before anything is applied', async () => {
    await createApp('web', 'apps/web');
    const app = await waitForStatus('web', (a) => {
      expect(a.status?.sync?.status).toBe('OutOfSync');
      expect(a.status?.health?.status).toBe('Missing');
    });
    expect(app.status?.sync?.revision).toBe(repo.git('rev-parse', 'HEAD'));
    expect(app.status?.sourceType).toBe('Directory');
    expect(app.status?.resources?.map((r) => `${r.kind}/${r.name}:${r.status}:${r.health?.status}`).sort()).toEqual([
      'Deployment/web:OutOfSync:Missing',
      'Service/web:OutOfSync:Missing',
    ]);
    expect(app.status?.summary?.images).toEqual(['nginx:1.27']);
  });

  it('turns Synced and Healthy once the desired objects are applied, though they omit defaulted fields', async () => {
    applyAsFjord('web', [deployment('web'), service('web')]);
    await waitForStatus('web', (a) => {
      expect(a.status?.sync?.status).toBe('Synced');
      expect(a.status?.health?.status).toBe('Healthy');
    });
  });

  it('goes OutOfSync after kubectl scale, naming the manager that drifted', async () => {
    kubectlRun('scale', '-n', destNs.name, 'deployment/web', '--replicas=3');
    const app = await waitForStatus('web', (a) => expect(a.status?.sync?.status).toBe('OutOfSync'));
    const web = app.status?.resources?.find((r) => r.kind === 'Deployment');
    expect(web?.status).toBe('OutOfSync');
    expect((web as { driftedBy?: string[] }).driftedBy?.join('\n')).toMatch(/kubectl.*spec\.replicas/);
    kubectlRun('scale', '-n', destNs.name, 'deployment/web', '--replicas=1');
    applyAsFjord('web', [deployment('web'), service('web')]);
    await waitForStatus('web', (a) => expect(a.status?.sync?.status).toBe('Synced'));
  });

  it('shows a deleted Service as Missing', async () => {
    kubectlRun('delete', '-n', destNs.name, 'service/web');
    const app = await waitForStatus('web', (a) => expect(a.status?.resources?.find((r) => r.kind === 'Service')?.health?.status).toBe('Missing'));
    expect(app.status?.sync?.status).toBe('OutOfSync');
  });

  it('shows a Deployment whose rollout cannot progress as Degraded', async () => {
    await createApp('stuck', 'apps/stuck');
    await waitForStatus('stuck', (a) => expect(a.status?.health?.status).toBe('Missing'));
    const stuck = deployment('stuck')
      .replace('  replicas: 1', '  replicas: 1\n  progressDeadlineSeconds: 2')
      .replace('      containers:', '      nodeSelector: {no-such-node: "true"}\n      containers:');
    applyAsFjord('stuck', [stuck]);
    const app = await waitForStatus('stuck', (a) => expect(a.status?.health?.status).toBe('Degraded'), 90_000);
    expect(app.status?.health?.message).toBe(`Caused by apps/Deployment:${destNs.name}/stuck`);
    expect(app.status?.resources?.[0]?.health?.message).toMatch(/exceeded its progress deadline/);
  });

  it('turns a render error into a ComparisonError, and keeps serving the other apps', async () => {
    await createApp('broken', 'apps/broken');
    const app = await waitForStatus('broken', (a) => expect(a.status?.conditions?.some((c) => c.type === 'ComparisonError')).toBe(true));
    expect(app.status?.conditions?.[0].message).toMatch(/apps\/broken\/cm\.yaml:\d+/);
    expect(app.status?.sync?.status).toBe('Unknown');
    kubectlRun('annotate', '-n', fjordNs.name, 'application/web', 'argocd.argoproj.io/refresh=normal');
    await waitForStatus('web', (a) => expect(a.metadata.annotations?.['argocd.argoproj.io/refresh']).toBeUndefined());
  });

  it('brings 200 apps to a correct status with the default processors', async () => {
    const started = Date.now();
    const even = Array.from({ length: 100 }, (_, i) => 2 * i);
    const dir = mkdtempSync(join(root, 'many-'));
    for (const i of even) {
      const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm-${i}`, namespace: destNs.name }, data: { i: String(i) } };
      writeFileSync(join(dir, `${i}.json`), JSON.stringify(setTracking(cm, { name: `many-${i}`, destinationNamespace: destNs.name })));
    }
    kubectlRun('apply', '--server-side', '--field-manager', 'fjord-controller', '-f', dir);
    await Promise.all(Array.from({ length: 200 }, (_, i) => createApp(`many-${i}`, `many/a-${i}`)));
    await eventually(
      async () => {
        const list = (await apps().listNamespacedCustomObject({
          group: 'argoproj.io',
          version: 'v1alpha1',
          namespace: fjordNs.name,
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
      `200 apps reached a correct status in ${seconds.toFixed(1)} s; test process (controller in-process) RSS ${rss} MiB; stats ${JSON.stringify(controller.stats())}`,
    );
  });

  it('makes no Kubernetes writes and no dry runs on a full resync when nothing changed', async () => {
    await new Promise((r) => setTimeout(r, 1000)); // let the last status writes come back through the watch
    const before = controller.stats();
    controller.refreshAll();
    await eventually(() => expect(controller.stats().reconciles - before.reconciles).toBeGreaterThanOrEqual(before.apps), { timeoutMs: 60_000 });
    const after = controller.stats();
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
      services: [{ definition: controllerProto.ControllerServiceService, implementation: controllerHandlers(controller) }],
    });
    const client = new controllerProto.ControllerServiceClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
    const call = <Res>(method: 'getResourceTree' | 'getManagedResources', name: string) =>
      new Promise<Res>((resolve, reject) =>
        (client[method] as unknown as (r: unknown, cb: (e: unknown, r: Res) => void) => void).call(
          client,
          { app: { name, namespace: fjordNs.name } },
          (e, r) => (e ? reject(e) : resolve(r)),
        ),
      );
    try {
      await createApp('secret', 'apps/secret');
      applyAsFjord('secret', ['apiVersion: v1\nkind: Secret\nmetadata: {name: db}\nstringData: {password: live-s3cr3t}\n']);
      await waitForStatus('secret', (a) => expect(a.status?.sync?.status).toBe('OutOfSync'));
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
