import { join } from 'node:path';
import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import {
  createTestApplication,
  createTestNamespace,
  eventually,
  installCrds,
  readApplication,
  serveTestRepo,
  spawnController,
  spawnRepoServer,
  testKubeConfig,
  type ServedRepo,
  type ServiceProcess,
  type TestNamespace,
} from '@fjord/devkit';

// Issue 15: a render cannot take the control plane down. Given a config repository with a Helm chart that builds a
// list of 100,000,000 integers next to a plain app, and the repo-server and controller as their own processes on the
// real cluster, the hostile app gets a ComparisonError naming the memory limit, while the plain app syncs, and keeps
// following new commits, and the repo-server stays up.

jest.setTimeout(240_000);

let kc: KubeConfig;
let fjordNs: TestNamespace;
let dest: string;
let served: ServedRepo;
let repoServer: ServiceProcess;
let controller: ServiceProcess;

const getApp = (name: string) => readApplication(kc, fjordNs.name, name);
const createApp = (name: string, path: string) =>
  createTestApplication(kc, fjordNs.name, { name, repoURL: served.url, path, destNamespace: dest, automated: true });

beforeAll(async () => {
  kc = testKubeConfig();
  await installCrds(kc);
  fjordNs = await createTestNamespace('fjord-hostile', kc);
  dest = `${fjordNs.name}-apps`;
  served = await serveTestRepo({
    prefix: 'fjord-hostile',
    files: {
      'apps/good/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: good}\ndata: {version: "1"}\n',
      'apps/hostile/Chart.yaml': 'apiVersion: v2\nname: hostile\nversion: 1.0.0\n',
      'apps/hostile/templates/cm.yaml': '{{ range $i := until 100000000 }}{{ $i }}{{ end }}\n',
    },
  });
  const env = { KUBECONFIG: process.env.FJORD_TEST_KUBECONFIG, LOG_LEVEL: 'warn', FJORD_NAMESPACE: fjordNs.name, REDIS_URL: '' };
  repoServer = await spawnRepoServer({
    cacheDir: join(served.work, 'cache'),
    args: ['--revision-cache-expiration-ms', '0', '--render-memory-limit-mib', '160', '--render-processes', '2'],
    env,
  });
  controller = await spawnController({ repoServer, args: ['--app-resync', '3', '--app-resync-jitter', '0'], env });
}, 120_000);

afterAll(async () => {
  await controller?.stop();
  await repoServer?.stop();
  await served?.close();
  await fjordNs?.remove();
  await kc
    ?.makeApiClient(CoreV1Api)
    .deleteNamespace({ name: dest })
    .catch(() => undefined);
});

describe('a hostile render', () => {
  it('fails its own app with a ComparisonError while another app syncs and follows new commits', async () => {
    await createApp('hostile', 'apps/hostile');
    await createApp('good', 'apps/good');
    const synced = (revision: string) =>
      eventually(
        async () => {
          expect((await getApp('good')).status?.sync).toMatchObject({ status: 'Synced', revision });
        },
        { timeoutMs: 90_000, intervalMs: 250 },
      );
    await synced(served.repo.git('rev-parse', 'HEAD'));
    const hostile = await eventually(
      async () => {
        const condition = (await getApp('hostile')).status?.conditions?.find((c) => c.type === 'ComparisonError');
        expect(condition?.message).toMatch(/^render of apps\/hostile \(app hostile\) at [0-9a-f]{12} exceeded the memory limit of 160 MiB/);
        return condition;
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
    expect(hostile).toBeDefined();

    const next = served.repo.commit({ 'apps/good/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: good}\ndata: {version: "2"}\n' }, 'good v2');
    await synced(next);
    const live = await kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name: 'good', namespace: dest });
    expect(live.data).toEqual({ version: '2' });
    expect((await getApp('hostile')).status?.conditions?.map((c) => c.type)).toContain('ComparisonError');
    expect(repoServer.child.exitCode).toBeNull();
    expect(repoServer.child.signalCode).toBeNull();
  });
});
