import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import type { Application } from '@fjord/argo';
import { AppsV1Api, CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, type KubeConfig } from '@kubernetes/client-node';
import {
  createGitFixture,
  createFjordNamespace,
  eventually,
  repoRoot,
  sendGitHubPush,
  spawnFjord,
  spawnService,
  startGitServer,
  startOtlpSink,
  testKubeConfig,
  type GitFixture,
  type GitServer,
  type OtlpSink,
  type ServiceProcess,
  type TestNamespace,
} from '@fjord/devkit';

// The user's story (DESIGN.md §1) with every service as its own process, the real cluster, a Redis of this test's
// own, a Git server and an OpenTelemetry receiver: a config repo with a Kustomize base and production overlay, a
// SealedSecret made with `fjord seal` and a Helm chart; the Argo CD example Application pointed at the overlay, and
// a second Application installing the chart with values of its own.

jest.setTimeout(300_000);
const bin = join(repoRoot(), 'cli/bin/fjord.js');
const WEBHOOK_SECRET = 'story-hook-7d1a';
let kc: KubeConfig;
let fjordNs: TestNamespace;
let dest: string;
let cacheDest: string;
let sink: OtlpSink;
let work: string;
let repo: GitFixture;
let git: GitServer;
let redis: ChildProcess;
let redisPort: number;
let gatewayUrl: string;
const services: ServiceProcess[] = [];

const GENERATE_MANIFEST = 'fjord.repository.v1.RepoServerService/GenerateManifest';

const freePort = () =>
  new Promise<number>((resolve) => {
    const s = createServer();
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port;
      s.close(() => resolve(port));
    });
  });
const startRedis = () => {
  redis = spawn('redis-server', ['--port', String(redisPort), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  return eventually(
    () => execFileSync('redis-cli', ['-p', String(redisPort), 'ping'], { encoding: 'utf8' }).trim() === 'PONG' || Promise.reject(new Error('no redis')),
  );
};
const fjord = (args: string[], options: { cwd?: string; input?: string } = {}) =>
  execFileSync(process.execPath, [bin, ...args], {
    cwd: options.cwd ?? repoRoot(),
    input: options.input,
    encoding: 'utf8',
    env: { ...process.env, HOME: work },
  });
const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: my-app}
spec:
  replicas: 1
  selector: {matchLabels: {app: my-app}}
  template:
    metadata: {labels: {app: my-app}}
    spec: {containers: [{name: app, image: "registry.local/app:v1", envFrom: [{secretRef: {name: db-pass}}]}]}
`;

async function pushWebhook(after: string): Promise<void> {
  const res = await sendGitHubPush(gatewayUrl, WEBHOOK_SECRET, {
    after,
    repoURL: `${git.url}/config.git`,
    modified: ['overlays/production/kustomization.yaml'],
  });
  expect(res.status).toBe(200);
}

async function app(name = 'guestbook') {
  return (await kc
    .makeApiClient(CustomObjectsApi)
    .getNamespacedCustomObject({ group: 'argoproj.io', version: 'v1alpha1', plural: 'applications', namespace: fjordNs.name, name })) as Application;
}
const syncedAt = (revision: string, name = 'guestbook') =>
  eventually(
    async () => {
      const a = await app(name);
      expect(a.status?.sync).toMatchObject({ status: 'Synced', revision });
      expect(a.status?.health?.status).toBe('Healthy');
    },
    { timeoutMs: 60_000, intervalMs: 250 },
  );

/**
 * The trace of the push of `revision`: rooted at the gateway's webhook span, through the controller's reconciles
 * and sync steps and the repo-server's renders, to the controller's 'app.healthy' for `appName`; every parent in it.
 */
async function expectOneTraceFromWebhookToHealthy(revision: string, appName: string): Promise<void> {
  const webhook = await sink.waitForSpan((s) => s.name === 'webhook.push' && s.attributes['fjord.revision'] === revision);
  expect(webhook).toMatchObject({
    service: 'api-gateway',
    parentSpanId: '',
    attributes: { 'fjord.webhook.provider': 'github', 'fjord.ref': 'refs/heads/main' },
  });
  const healthy = await sink.waitForSpan((s) => s.name === 'app.healthy' && s.traceId === webhook.traceId);
  expect(healthy).toMatchObject({ service: 'app-controller', attributes: { 'fjord.app': `${fjordNs.name}/${appName}`, 'fjord.revision': revision } });

  const spans = await wholeTrace(webhook.traceId);
  const names = (service: string) => [...new Set(spans.filter((s) => s.service === service).map((s) => s.name))];
  expect([...new Set(spans.map((s) => s.service))].sort()).toEqual(['api-gateway', 'app-controller', 'repo-server']);
  expect(spans.filter((s) => !s.parentSpanId)).toEqual([webhook]);
  expect(spans.filter((s) => s.parentSpanId === webhook.spanId).map((s) => s.name)).toContain('reconcile');
  expect(names('app-controller')).toEqual(expect.arrayContaining(['reconcile', 'sync', 'sync.apply', GENERATE_MANIFEST, 'app.healthy']));
  expect(names('repo-server')).toEqual(expect.arrayContaining([GENERATE_MANIFEST, 'git.resolve']));
  // Only the app the push concerned is in its trace, and it became healthy once.
  expect(new Set(spans.map((s) => s.attributes['fjord.app']).filter(Boolean))).toEqual(new Set([`${fjordNs.name}/${appName}`]));
  expect(spans.filter((s) => s.name === 'app.healthy')).toEqual([healthy]);
  // The sync ran once: no wave was applied twice (a step started from a stale copy of the app would repeat them).
  const waves = spans.filter((s) => s.name === 'sync.apply').map((s) => `${s.attributes['fjord.sync.phase']}/${s.attributes['fjord.sync.wave']}`);
  expect(waves.length).toBeGreaterThan(0);
  expect(waves).toEqual([...new Set(waves)]);
}

/** Every span of one trace, once each span's parent has arrived too (the root's parent is none). */
const wholeTrace = (traceId: string) =>
  eventually(
    () => {
      const spans = sink.spans.filter((s) => s.traceId === traceId);
      const ids = new Set(spans.map((s) => s.spanId));
      expect(spans.filter((s) => s.parentSpanId && !ids.has(s.parentSpanId)).map((s) => `${s.service}:${s.name}`)).toEqual([]);
      return spans;
    },
    { timeoutMs: 15_000, intervalMs: 200 },
  );

// A chart as teams write them (testdata/cache-chart): a helper for names and labels, values for what differs between installs.
const cacheChart = folderFiles(join(__dirname, '..', 'testdata', 'cache-chart'), 'charts/cache');

/** The files under `dir` as a commit of them under `prefix` in the config repo. */
function folderFiles(dir: string, prefix: string): Record<string, string> {
  const paths = readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((p) => statSync(join(dir, p)).isFile());
  return Object.fromEntries(paths.sort().map((p) => [`${prefix}/${p}`, readFileSync(join(dir, p), 'utf8')]));
}

beforeAll(async () => {
  kc = testKubeConfig();
  fjordNs = await createFjordNamespace('fjord-story', kc);
  dest = `${fjordNs.name}-payments`;
  cacheDest = `${fjordNs.name}-cache`;
  sink = await startOtlpSink();
  work = mkdtempSync(join(tmpdir(), 'fjord-story-'));
  redisPort = await freePort();
  await startRedis();
  const env = { KUBECONFIG: process.env.FJORD_TEST_KUBECONFIG, LOG_LEVEL: 'warn', FJORD_NAMESPACE: fjordNs.name, REDIS_URL: `127.0.0.1:${redisPort}` };
  // The services on the path from a commit to a healthy app export their spans here, in batches of 100 ms.
  const traced = { ...env, OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' };
  const fjordServices = await spawnFjord({ env: traced, repoServer: { cacheDir: join(work, 'cache') } });
  services.push(...fjordServices.processes);
  gatewayUrl = fjordServices.gateway.url;
  let sealingPort = 0;
  const secrets = await spawnService('secrets', {
    args: ['--port', '0', '--metrics-port', '0', '--http-port', '0', '--watch-namespace', dest],
    env: { ...env, LOG_LEVEL: 'info' },
    onLine: (line) => {
      if (line.includes('serving the sealing API')) sealingPort = (JSON.parse(line) as { httpPort: number }).httpPort;
    },
  });
  services.push(secrets);
  await kc
    .makeApiClient(CoreV1Api)
    .patchNamespacedSecret(
      { name: 'argocd-secret', namespace: fjordNs.name, body: { stringData: { 'webhook.github.secret': WEBHOOK_SECRET } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );

  // The config repo, with the secret sealed by `fjord seal` against the secrets service's certificate.
  await eventually(() => expect(sealingPort).toBeGreaterThan(0));
  const cert = join(work, 'cert.pem');
  writeFileSync(cert, await (await fetch(`http://127.0.0.1:${sealingPort}/v1/cert.pem`)).text());
  const plain = `apiVersion: v1\nkind: Secret\nmetadata: {name: db-pass, namespace: ${dest}}\nstringData: {password: s3cret-from-ci}\n`;
  const sealed = fjord(['seal', '--cert', cert, '--format', 'yaml'], { input: plain });
  repo = createGitFixture(join(work, 'config.git'));
  repo.commit({
    'base/kustomization.yaml': 'resources: [deployment.yaml, service.yaml, extra.yaml]\n',
    'base/deployment.yaml': deployment,
    'base/service.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: my-app}\nspec: {selector: {app: my-app}, ports: [{port: 80}]}\n',
    'base/extra.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: extra}\ndata: {a: b}\n',
    'overlays/production/kustomization.yaml': '# production\nresources:\n  - ../../base\n  - sealed-db-pass.yaml\n',
    'overlays/production/sealed-db-pass.yaml': sealed,
    ...cacheChart,
  });
  git = await startGitServer({ root: work });
}, 240_000);

afterAll(async () => {
  for (const s of services) await s.stop();
  redis?.kill();
  await git?.close();
  await sink?.close();
  await fjordNs?.remove();
  for (const name of [dest, cacheDest])
    await kc
      ?.makeApiClient(CoreV1Api)
      .deleteNamespace({ name })
      .catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

describe('the user story', () => {
  let head: string;

  it('given the Argo CD example Application pointed at the config repo, everything becomes Synced and Healthy', async () => {
    const manifest = readFileSync(join(repoRoot(), 'deploy/crds/testdata/application-argocd-docs.yaml'), 'utf8')
      .replace('namespace: argocd', `namespace: ${fjordNs.name}`)
      .replace('https://github.com/argoproj/argocd-example-apps.git', `${git.url}/config.git`)
      .replace('path: guestbook', 'path: overlays/production')
      .replace('namespace: guestbook', `namespace: ${dest}`);
    await kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      plural: 'applications',
      namespace: fjordNs.name,
      body: parse(manifest),
    });
    head = repo.git('rev-parse', 'HEAD');
    await syncedAt(head);
  });

  it('unseals the SealedSecret committed to Git into the right Secret', async () => {
    const secret = await eventually(() => kc.makeApiClient(CoreV1Api).readNamespacedSecret({ name: 'db-pass', namespace: dest }), { timeoutMs: 30_000 });
    expect(Buffer.from(secret.data!.password, 'base64').toString('utf8')).toBe('s3cret-from-ci');
  });

  it('given a second Application installing the Helm chart with values of its own, the chart is Synced and Healthy with those values live', async () => {
    await kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
      group: 'argoproj.io',
      version: 'v1alpha1',
      plural: 'applications',
      namespace: fjordNs.name,
      body: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: 'cache' },
        spec: {
          project: 'default',
          source: {
            repoURL: `${git.url}/config.git`,
            targetRevision: 'HEAD',
            path: 'charts/cache',
            helm: { valuesObject: { image: { tag: '7.4' }, maxMemory: '128mb' }, parameters: [{ name: 'replicaCount', value: '2' }] },
          },
          destination: { server: 'https://kubernetes.default.svc', namespace: cacheDest },
          syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
        },
      },
    });
    await syncedAt(head, 'cache');
    const d = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'cache', namespace: cacheDest });
    expect(d.spec?.replicas).toBe(2);
    expect(d.spec?.template.spec?.containers[0]).toMatchObject({ image: 'registry.local/cache:7.4', args: ['--maxmemory', '128mb'] });
    expect(d.status?.availableReplicas).toBe(2);
    const svc = await kc.makeApiClient(CoreV1Api).readNamespacedService({ name: 'cache', namespace: cacheDest });
    expect(svc.spec?.ports?.[0].port).toBe(6379);
  });

  it('when CI sets a new image with fjord kustomize edit, commits and the webhook fires, the new image is live and Healthy, all in one trace', async () => {
    fjord(['kustomize', 'edit', 'set', 'image', 'registry.local/app=registry.local/app:v2'], { cwd: join(repo.dir, 'overlays/production') });
    expect(readFileSync(join(repo.dir, 'overlays/production/kustomization.yaml'), 'utf8')).toContain('# production');
    head = repo.commit({}, 'CI: bump my-app to v2');
    await pushWebhook(head);
    await syncedAt(head);
    const d = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'my-app', namespace: dest });
    expect(d.spec?.template.spec?.containers[0].image).toBe('registry.local/app:v2');
    await expectOneTraceFromWebhookToHealthy(head, 'guestbook');
  });

  it('repairs a deleted Service by self-heal', async () => {
    await kc.makeApiClient(CoreV1Api).deleteNamespacedService({ name: 'my-app', namespace: dest });
    await eventually(() => kc.makeApiClient(CoreV1Api).readNamespacedService({ name: 'my-app', namespace: dest }), { timeoutMs: 30_000 });
  });

  it('prunes what a commit removed, also after Redis was restarted mid-way', async () => {
    redis.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 500));
    await startRedis();
    head = repo.commit({ 'base/extra.yaml': null, 'base/kustomization.yaml': 'resources: [deployment.yaml, service.yaml]\n' }, 'drop extra');
    await pushWebhook(head);
    await syncedAt(head);
    await expect(kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'extra', namespace: dest })).rejects.toMatchObject({ code: 404 });
  });

  it('brings everything back from Git alone after every resource was deleted (disaster)', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const before = await core.readNamespace({ name: dest });
    const oldDeployment = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'my-app', namespace: dest });
    await core.deleteNamespace({ name: dest });
    await eventually(
      async () => {
        // a new namespace (the old one is gone with everything in it), recreated from Git by CreateNamespace
        const ns = await core.readNamespace({ name: dest });
        expect(ns.metadata?.uid).not.toBe(before.metadata?.uid);
        expect(ns.status?.phase).toBe('Active');
        const d = await kc.makeApiClient(AppsV1Api).readNamespacedDeployment({ name: 'my-app', namespace: dest });
        expect(d.metadata?.uid).not.toBe(oldDeployment.metadata?.uid);
        expect(d.metadata?.deletionTimestamp).toBeUndefined();
        expect(d.spec?.template.spec?.containers[0].image).toBe('registry.local/app:v2');
        await core.readNamespacedService({ name: 'my-app', namespace: dest });
        const secret = await core.readNamespacedSecret({ name: 'db-pass', namespace: dest });
        expect(Buffer.from(secret.data!.password, 'base64').toString('utf8')).toBe('s3cret-from-ci');
      },
      { timeoutMs: 120_000, intervalMs: 500 },
    );
    await syncedAt(head);
  });
});
