import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHmac } from 'node:crypto';
import { CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import {
  createGitFixture,
  createTestNamespace,
  eventually,
  installCrds,
  repoRoot,
  runFjord,
  spawnGateway,
  spawnService,
  startGitServer,
  testKubeConfig,
  type GitFixture,
  type GitServer,
  type ServiceProcess,
  type TestNamespace,
} from '@fjord/devkit';

// The user flow with every service running: given the repo-server, the app-controller and the gateway as
// processes on the real cluster and a Git server holding Argo CD's guestbook, when a user logs in with the CLI,
// creates the app from the Argo CD documentation's manifest (only the repository and namespaces changed), syncs it
// and waits, then it is Synced and Healthy and its history shows the sync.

jest.setTimeout(180_000);
const WEBHOOK_SECRET = 'flow-hook-3e9c';
let ns: TestNamespace;
let repo: GitFixture;
let gatewayUrl: string;
let git: GitServer;
let work: string;
const services: ServiceProcess[] = [];

const fjord = (args: string[]) => runFjord(args, { env: { HOME: work, XDG_CONFIG_HOME: '' } });

beforeAll(async () => {
  const kc = testKubeConfig();
  await installCrds(kc);
  ns = await createTestNamespace('fjord-flow', kc);
  work = mkdtempSync(join(tmpdir(), 'fjord-flow-'));
  // Argo CD's guestbook, read from the corpus into a throwaway repository served over HTTP.
  const guestbook = join(repoRoot(), '../shared/corpus/argocd-example-apps/guestbook');
  repo = createGitFixture(join(work, 'argocd-example-apps.git'));
  repo.commit(Object.fromEntries(readdirSync(guestbook).map((f) => [`guestbook/${f}`, readFileSync(join(guestbook, f), 'utf8')])));
  git = await startGitServer({ root: work });
  const env = { KUBECONFIG: process.env.FJORD_TEST_KUBECONFIG, LOG_LEVEL: 'warn', REDIS_URL: '', FJORD_NAMESPACE: ns.name };
  const repoServer = await spawnService('repo-server', { args: ['--port', '0', '--metrics-port', '0', '--repo-cache-dir', join(work, 'cache')], env });
  const controller = await spawnService('app-controller', {
    args: ['--port', '0', '--metrics-port', '0', '--repo-server', `127.0.0.1:${repoServer.grpcPort}`],
    env,
  });
  const gateway = await spawnGateway({
    args: [
      '--port',
      '0',
      '--grpc-port',
      '0',
      '--metrics-port',
      '0',
      '--controller',
      `127.0.0.1:${controller.grpcPort}`,
      '--repo-server',
      `127.0.0.1:${repoServer.grpcPort}`,
    ],
    env,
  });
  services.push(gateway.process, controller, repoServer);
  const secret = await kc.makeApiClient(CoreV1Api).readNamespacedSecret({ name: 'argocd-initial-admin-secret', namespace: ns.name });
  const password = Buffer.from(secret.data!.password, 'base64').toString('utf8');
  gatewayUrl = gateway.url;
  await kc
    .makeApiClient(CoreV1Api)
    .patchNamespacedSecret(
      { name: 'argocd-secret', namespace: ns.name, body: { stringData: { 'webhook.github.secret': WEBHOOK_SECRET } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  const login = await fjord(['login', gateway.url, '--username', 'admin', '--password', password]);
  expect(login.code).toBe(0);
}, 120_000);

afterAll(async () => {
  for (const s of services) await s.stop();
  await git?.close();
  await ns?.remove();
  await testKubeConfig()
    .makeApiClient(CoreV1Api)
    .deleteNamespace({ name: `${ns?.name}-guestbook` })
    .catch(() => undefined);
  rmSync(work, { recursive: true, force: true });
});

describe('the user flow through the CLI and the gateway, with the controller', () => {
  it('creates the Argo CD example app, syncs it, waits for Healthy and shows its history', async () => {
    const manifest = readFileSync(join(repoRoot(), 'deploy/crds/testdata/application-argocd-docs.yaml'), 'utf8')
      .replace('namespace: argocd', `namespace: ${ns.name}`)
      .replace('https://github.com/argoproj/argocd-example-apps.git', `${git.url}/argocd-example-apps.git`)
      .replace('namespace: guestbook', `namespace: ${ns.name}-guestbook`);
    writeFileSync(join(work, 'app.yaml'), manifest);
    expect((await fjord(['app', 'create', '-f', join(work, 'app.yaml')])).stdout).toMatch(/guestbook' created/);

    // The example syncs automatically; wait for that first, then ask for a sync as a user would.
    const first = await fjord(['app', 'wait', 'guestbook', '--health', '--sync', '--timeout', '90']);
    expect(first.code).toBe(0);
    const sync = await fjord(['app', 'sync', 'guestbook']);
    expect(sync.stderr).toBe('');
    const wait = await fjord(['app', 'wait', 'guestbook', '--health', '--sync', '--timeout', '90']);
    expect(wait.code).toBe(0);

    const get = JSON.parse((await fjord(['app', 'get', 'guestbook', '-o', 'json'])).stdout) as {
      status: { sync: { status: string }; health: { status: string } };
    };
    expect(get.status.sync.status).toBe('Synced');
    expect(get.status.health.status).toBe('Healthy');
    const history = await fjord(['app', 'history', 'guestbook']);
    expect(history.stdout.trim().split('\n').length).toBeGreaterThanOrEqual(2); // a header and at least one sync
    expect(history.stdout).toMatch(/[0-9a-f]{7}/);
  });

  it('picks up a new commit within seconds of a signed GitHub push, and refuses a badly signed one', async () => {
    const next = repo.commit(
      {
        'guestbook/guestbook-ui-deployment.yaml': readFileSync(
          join(repoRoot(), '../shared/corpus/argocd-example-apps/guestbook/guestbook-ui-deployment.yaml'),
          'utf8',
        ).replace('revisionHistoryLimit: 3', 'revisionHistoryLimit: 4'),
      },
      'tweak',
    );
    const body = JSON.stringify({
      ref: 'refs/heads/main',
      after: next,
      repository: { html_url: `${git.url}/argocd-example-apps`, clone_url: `${git.url}/argocd-example-apps.git`, default_branch: 'main' },
      commits: [{ added: [], modified: ['guestbook/guestbook-ui-deployment.yaml'], removed: [] }],
    });
    const send = (secret: string) =>
      fetch(`${gatewayUrl}/api/webhook`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'X-GitHub-Event': 'push',
          'X-Hub-Signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
        },
        body,
      });
    expect((await send('not-the-secret')).status).toBe(401);
    const t0 = Date.now();
    expect((await send(WEBHOOK_SECRET)).status).toBe(200);
    await eventually(
      async () => {
        const app = JSON.parse((await fjord(['app', 'get', 'guestbook', '-o', 'json'])).stdout) as { status: { sync: { revision: string; status: string } } };
        expect(app.status.sync.revision).toBe(next);
        expect(app.status.sync.status).toBe('Synced');
      },
      { timeoutMs: 30_000, intervalMs: 200 },
    );
    console.log(`commit to synced after a webhook: ${Date.now() - t0} ms (CLI polling included)`);
  });
});
