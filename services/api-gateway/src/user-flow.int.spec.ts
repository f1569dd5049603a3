import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { eventually, repoRoot, runFjord, sendGitHubPush, testKubeConfig } from '@fjord/devkit';
import { startGatewayHarness, type GatewayHarness } from '../test/gateway-harness';

// The user flow with every service running: given the repo-server, the app-controller and the gateway as
// processes on the real cluster and a Git server holding Argo CD's guestbook, when a user logs in with the CLI,
// creates the app from the Argo CD documentation's manifest (only the repository and namespaces changed), syncs it
// and waits, then it is Synced and Healthy and its history shows the sync.

jest.setTimeout(180_000);
const WEBHOOK_SECRET = 'flow-hook-3e9c';
let h: GatewayHarness;

const fjord = (args: string[]) => runFjord(args, { env: { HOME: h.work, XDG_CONFIG_HOME: '' } });

beforeAll(async () => {
  // Argo CD's guestbook, read from the corpus into a throwaway repository served over HTTP.
  const guestbook = join(repoRoot(), '../shared/corpus/argocd-example-apps/guestbook');
  h = await startGatewayHarness({
    prefix: 'fjord-flow',
    controller: true,
    repoName: 'argocd-example-apps',
    files: Object.fromEntries(readdirSync(guestbook).map((f) => [`guestbook/${f}`, readFileSync(join(guestbook, f), 'utf8')])),
  });
  await testKubeConfig()
    .makeApiClient(CoreV1Api)
    .patchNamespacedSecret(
      { name: 'argocd-secret', namespace: h.ns.name, body: { stringData: { 'webhook.github.secret': WEBHOOK_SECRET } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
  const login = await fjord(['login', h.base, '--username', 'admin', '--password', h.adminPassword]);
  expect(login.code).toBe(0);
}, 120_000);

afterAll(async () => {
  await h?.stop();
  await testKubeConfig()
    .makeApiClient(CoreV1Api)
    .deleteNamespace({ name: `${h?.ns.name}-guestbook` })
    .catch(() => undefined);
});

describe('the user flow through the CLI and the gateway, with the controller', () => {
  it('creates the Argo CD example app, syncs it, waits for Healthy and shows its history', async () => {
    const manifest = readFileSync(join(repoRoot(), 'deploy/crds/testdata/application-argocd-docs.yaml'), 'utf8')
      .replace('namespace: argocd', `namespace: ${h.ns.name}`)
      .replace('https://github.com/argoproj/argocd-example-apps.git', h.repoURL)
      .replace('namespace: guestbook', `namespace: ${h.ns.name}-guestbook`);
    writeFileSync(join(h.work, 'app.yaml'), manifest);
    expect((await fjord(['app', 'create', '-f', join(h.work, 'app.yaml')])).stdout).toMatch(/guestbook' created/);

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
    const next = h.repo.commit(
      {
        'guestbook/guestbook-ui-deployment.yaml': readFileSync(
          join(repoRoot(), '../shared/corpus/argocd-example-apps/guestbook/guestbook-ui-deployment.yaml'),
          'utf8',
        ).replace('revisionHistoryLimit: 3', 'revisionHistoryLimit: 4'),
      },
      'tweak',
    );
    const send = (secret: string) => sendGitHubPush(h.base, secret, { after: next, repoURL: h.repoURL, modified: ['guestbook/guestbook-ui-deployment.yaml'] });
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
