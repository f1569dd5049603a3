import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, type KubeConfig } from '@kubernetes/client-node';
import {
  createTestNamespace,
  eventually,
  gitHubPushBody,
  gitHubSignature,
  installCrds,
  readAdminPassword,
  repoRoot,
  runFjord,
  spawnTestGateway,
  testKubeConfig,
  type ProgramOutput,
  type ServiceProcess,
  type TestNamespace,
} from '@fjord/devkit';

// Given a gateway on the real cluster with Fjord's namespace of its own: the admin logs in with the generated
// password, the CLI creates the Argo CD docs' guestbook app and asks for a sync, a read-only user can list but not
// sync, a signed GitHub push refreshes exactly the matching app, the event stream shows a status change, and no
// response ever carries a Secret value.

jest.setTimeout(120_000);
const WEBHOOK_SECRET = 'hook-secret-5f2a';
/** Every response body and CLI output, for the last test: none may carry a Secret value. */
const bodies: string[] = [];
let kc: KubeConfig;
let ns: TestNamespace;
let gateway: ServiceProcess;
let base: string;
let home: string;
let adminPassword: string;
let adminToken: string;

async function call(method: string, path: string, options: { token?: string; body?: unknown; raw?: string; headers?: Record<string, string> } = {}) {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { 'Content-Type': 'application/json', ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}), ...options.headers },
    body: options.raw ?? (options.body === undefined ? undefined : JSON.stringify(options.body)),
  });
  const text = await res.text();
  bodies.push(text);
  return { status: res.status, json: text ? JSON.parse(text) : {} };
}

async function fjord(args: string[]): Promise<ProgramOutput> {
  const out = await runFjord(args, { env: { HOME: home, XDG_CONFIG_HOME: '' } });
  bodies.push(out.stdout, out.stderr);
  return out;
}

const apps = () => kc.makeApiClient(CustomObjectsApi);
const appRef = (name: string) => ({ group: 'argoproj.io', version: 'v1alpha1', plural: 'applications', namespace: ns.name, name });
const getApp = async (name: string) =>
  (await apps().getNamespacedCustomObject(appRef(name))) as {
    metadata: { annotations?: Record<string, string> };
    operation?: { sync?: Record<string, unknown> };
    status?: Record<string, unknown>;
  };
const writeStatus = (name: string, status: Record<string, unknown>) =>
  apps().patchNamespacedCustomObjectStatus({ ...appRef(name), body: { status } }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));

beforeAll(async () => {
  kc = testKubeConfig();
  await installCrds(kc);
  ns = await createTestNamespace('fjord-gw', kc);
  home = mkdtempSync(join(tmpdir(), 'fjord-gw-home-'));
  const started = await spawnTestGateway({
    namespace: ns.name,
    args: ['--max-body-bytes', '65536'],
    env: { KUBECONFIG: process.env.FJORD_TEST_KUBECONFIG, LOG_LEVEL: 'warn' },
  });
  gateway = started.process;
  base = started.url;
  adminPassword = await readAdminPassword(kc, ns.name);
});

afterAll(async () => {
  await gateway?.stop();
  await ns?.remove();
  rmSync(home, { recursive: true, force: true });
});

describe('authentication', () => {
  it('answers the version without a token, and 401 for everything else without one', async () => {
    expect((await call('GET', '/api/version')).status).toBe(200);
    const res = await call('GET', '/api/v1/applications');
    expect(res.status).toBe(401);
    expect(res.json.message).toMatch(/log in/);
    expect((await call('GET', '/api/v1/applications', { token: 'not.a.token' })).status).toBe(401);
  });

  it('logs the admin in with the generated password, and refuses a wrong one', async () => {
    expect((await call('POST', '/api/v1/session', { body: { username: 'admin', password: 'wrong' } })).status).toBe(401);
    const res = await call('POST', '/api/v1/session', { body: { username: 'admin', password: adminPassword } });
    expect(res.status).toBe(200);
    adminToken = res.json.token;
    expect((await call('GET', '/api/v1/session/userinfo', { token: adminToken })).json).toMatchObject({ loggedIn: true, username: 'admin' });
  });

  it('rate-limits repeated failed logins', async () => {
    let last = 0;
    for (let i = 0; i < 6; i++) last = (await call('POST', '/api/v1/session', { body: { username: 'mallory', password: `guess-${i}` } })).status;
    expect(last).toBe(429);
  });
});

describe('the CLI against the gateway', () => {
  it('logs in and keeps the session in a file only the user can read', async () => {
    const res = await fjord(['login', base, '--username', 'admin', '--password', adminPassword]);
    expect(res.stderr).toBe('');
    const file = join(home, '.config/fjord/config.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect(JSON.parse(readFileSync(file, 'utf8')).server).toBe(base);
  });

  it('creates the Argo CD docs example app from its manifest, lists it, and records a sync', async () => {
    const manifest = readFileSync(join(repoRoot(), 'deploy/crds/testdata/application-argocd-docs.yaml'), 'utf8').replace(
      'namespace: argocd',
      `namespace: ${ns.name}`,
    );
    const file = join(home, 'app.yaml');
    writeFileSync(file, manifest);
    expect((await fjord(['app', 'create', '-f', file, '--no-validate'])).stdout).toMatch(/guestbook' created/);
    const list = await fjord(['app', 'list']);
    expect(list.stdout).toMatch(/^NAME\s+CLUSTER/);
    expect(list.stdout).toMatch(/guestbook\s+https:\/\/kubernetes.default.svc\s+guestbook\s+default/);

    const sync = await fjord(['app', 'sync', 'guestbook', '--prune', '--revision', 'main', '--resource', 'apps:Deployment:guestbook-ui']);
    expect(sync.stderr).toBe('');
    const app = await getApp('guestbook');
    expect(app.operation).toMatchObject({
      sync: { revision: 'main', prune: true, resources: [{ group: 'apps', kind: 'Deployment', name: 'guestbook-ui' }], syncStrategy: { hook: {} } },
      initiatedBy: { username: 'admin' },
    });
    // A second sync while one is pending is refused.
    expect((await fjord(['app', 'sync', 'guestbook'])).stderr).toMatch(/another operation is already in progress/);
  });

  it('shows status, resources and history that the controller wrote (here written through the status subresource)', async () => {
    await writeStatus('guestbook', {
      sync: { status: 'Synced', revision: 'abc1234def' },
      health: { status: 'Healthy' },
      resources: [
        { group: 'apps', version: 'v1', kind: 'Deployment', namespace: 'guestbook', name: 'guestbook-ui', status: 'Synced', health: { status: 'Healthy' } },
      ],
      history: [
        {
          id: 1,
          revision: 'abc1234def',
          deployedAt: '2026-11-29T10:00:00Z',
          source: { repoURL: 'https://github.com/argoproj/argocd-example-apps.git', path: 'guestbook' },
        },
      ],
    });
    const get = await fjord(['app', 'get', 'guestbook']);
    expect(get.stdout).toMatch(/Sync Status:\s+Synced \(abc1234\)/);
    expect(get.stdout).toMatch(/Health Status:\s+Healthy/);
    expect(get.stdout).toMatch(/apps\s+Deployment\s+guestbook\s+guestbook-ui\s+Synced\s+Healthy/);
    expect(JSON.parse((await fjord(['app', 'get', 'guestbook', '-o', 'json'])).stdout).status.health.status).toBe('Healthy');
    expect((await fjord(['app', 'history', 'guestbook'])).stdout).toMatch(/1\s+2026-11-29T10:00:00Z\s+abc1234def \(guestbook\)/);
    const wait = await fjord(['app', 'wait', 'guestbook', '--health', '--timeout', '5']);
    expect(wait.stdout).toMatch(/health=Healthy/);
    expect((await fjord(['proj', 'list'])).stdout).toMatch(/default\s+/);
  });

  it('answers 503 for the resource tree while the controller is unreachable', async () => {
    const res = await call('GET', '/api/v1/applications/guestbook/resource-tree', { token: adminToken });
    expect(res.status).toBe(503);
    expect(res.json.message).toMatch(/app-controller at 127.0.0.1:1 is not available/);
  });
});

describe('authorization', () => {
  let aliceToken: string;
  beforeAll(async () => {
    const core = kc.makeApiClient(CoreV1Api);
    await core.createNamespacedConfigMap({ namespace: ns.name, body: { metadata: { name: 'argocd-cm' }, data: { 'accounts.alice': 'login' } } });
    await core.patchNamespacedSecret(
      { name: 'argocd-secret', namespace: ns.name, body: { stringData: { 'accounts.alice.password': bcrypt.hashSync('alice-pw', 10) } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await core.createNamespacedConfigMap({ namespace: ns.name, body: { metadata: { name: 'argocd-rbac-cm' }, data: { 'policy.default': 'role:readonly' } } });
    aliceToken = (await call('POST', '/api/v1/session', { body: { username: 'alice', password: 'alice-pw' } })).json.token;
  });

  it('lets a read-only user list apps but refuses sync with 403', async () => {
    await eventually(async () => expect((await call('GET', '/api/v1/applications', { token: aliceToken })).json.items).toHaveLength(1));
    const res = await call('POST', '/api/v1/applications/guestbook/sync', { token: aliceToken, body: {} });
    expect(res.status).toBe(403);
    expect(res.json.message).toBe('permission denied: applications, sync, default/guestbook, sub: alice');
  });

  it('reloads the policy when argocd-rbac-cm changes', async () => {
    await kc.makeApiClient(CoreV1Api).patchNamespacedConfigMap(
      {
        name: 'argocd-rbac-cm',
        namespace: ns.name,
        body: { data: { 'policy.default': '', 'policy.csv': 'p, role:dev, applications, get, default/*, allow\ng, alice, role:dev' } },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    await eventually(async () => expect((await call('GET', '/api/v1/projects', { token: aliceToken })).json.items).toHaveLength(0));
    expect((await call('GET', '/api/v1/applications', { token: aliceToken })).json.items).toHaveLength(1);
  });

  it('enforces the project restrictions on create', async () => {
    await call('POST', '/api/v1/projects', {
      token: adminToken,
      body: {
        project: {
          metadata: { name: 'narrow' },
          spec: { sourceRepos: ['https://github.com/org/*'], destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'team-*' }] },
        },
      },
    });
    const app = (repo: string, namespace: string) => ({
      metadata: { name: 'narrow-app' },
      spec: { project: 'narrow', source: { repoURL: repo, path: '.' }, destination: { server: 'https://kubernetes.default.svc', namespace } },
    });
    expect((await call('POST', '/api/v1/applications', { token: adminToken, body: app('https://gitlab.com/x/y.git', 'team-a') })).json.message).toMatch(
      /repo https:\/\/gitlab.com\/x\/y.git is not permitted in project 'narrow'/,
    );
    expect((await call('POST', '/api/v1/applications', { token: adminToken, body: app('https://github.com/org/y.git', 'kube-system') })).status).toBe(400);
    expect((await call('POST', '/api/v1/applications?validate=false', { token: adminToken, body: app('https://github.com/org/y.git', 'team-a') })).status).toBe(
      200,
    );
  });
});

describe('webhooks', () => {
  const push = gitHubPushBody({
    after: 'f00ba4',
    repoURL: 'https://github.com/argoproj/argocd-example-apps.git',
    modified: ['guestbook/guestbook-ui-deployment.yaml'],
    branch: 'master',
  });

  beforeAll(async () => {
    await kc
      .makeApiClient(CoreV1Api)
      .patchNamespacedSecret(
        { name: 'argocd-secret', namespace: ns.name, body: { stringData: { 'webhook.github.secret': WEBHOOK_SECRET } } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    const other = {
      metadata: { name: 'other-path' },
      spec: {
        project: 'default',
        source: { repoURL: 'https://github.com/argoproj/argocd-example-apps.git', path: 'helm-guestbook', targetRevision: 'HEAD' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'x' },
      },
    };
    expect((await call('POST', '/api/v1/applications?validate=false', { token: adminToken, body: other })).status).toBe(200);
  });

  it('refuses a push with a bad signature', async () => {
    const res = await call('POST', '/api/webhook', { raw: push, headers: { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': gitHubSignature(push, 'wrong') } });
    expect(res.status).toBe(401);
    expect((await getApp('guestbook')).metadata.annotations?.['argocd.argoproj.io/refresh']).toBeUndefined();
  });

  it('refreshes exactly the app whose repo, revision and path the push touched', async () => {
    const res = await call('POST', '/api/webhook', {
      raw: push,
      headers: { 'X-GitHub-Event': 'push', 'X-Hub-Signature-256': gitHubSignature(push, WEBHOOK_SECRET) },
    });
    expect(res.status).toBe(200);
    await eventually(async () => expect((await getApp('guestbook')).metadata.annotations?.['argocd.argoproj.io/refresh']).toBe('normal'));
    expect((await getApp('other-path')).metadata.annotations?.['argocd.argoproj.io/refresh']).toBeUndefined();
  });
});

describe('the event stream', () => {
  it('delivers a status change of an app', async () => {
    const abort = new AbortController();
    const res = await fetch(`${base}/api/v1/stream/applications?name=guestbook`, { headers: { Authorization: `Bearer ${adminToken}` }, signal: abort.signal });
    expect(res.headers.get('content-type')).toMatch(/text\/event-stream/);
    const reader = res.body!.getReader();
    let text = '';
    const seen = (async () => {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return false;
        text += new TextDecoder().decode(value);
        if (text.includes('"Degraded"')) return true;
      }
    })();
    await eventually(() => expect(text).toContain('"ADDED"'));
    await writeStatus('guestbook', { health: { status: 'Degraded', message: 'rollout stuck' } });
    expect(await seen).toBe(true);
    expect(text).toMatch(/"type":"MODIFIED"/);
    abort.abort();
    bodies.push(text);
  });
});

describe('bad input', () => {
  it('answers malformed JSON, unknown fields and oversized bodies with clear 4xx', async () => {
    const malformed = await call('POST', '/api/v1/applications/guestbook/sync', { token: adminToken, raw: '{"prune": tru' });
    expect(malformed.status).toBe(400);
    expect(malformed.json.message).toMatch(/malformed JSON/);
    const unknown = await call('POST', '/api/v1/applications/guestbook/sync', { token: adminToken, body: { prnue: true } });
    expect(unknown.status).toBe(400);
    expect(unknown.json.message).toMatch(/unknown field "prnue"/);
    const unknownSpec = await call('POST', '/api/v1/applications', {
      token: adminToken,
      body: { metadata: { name: 'typo' }, spec: { project: 'default', sorce: {}, destination: { server: 'https://kubernetes.default.svc' } } },
    });
    expect(unknownSpec.status).toBe(400);
    const big = await call('POST', '/api/v1/applications', { token: adminToken, raw: JSON.stringify({ metadata: { name: 'big' }, pad: 'x'.repeat(100_000) }) });
    expect(big.status).toBe(413);
  });
});

describe('secrets', () => {
  it('never returns a Secret value in any response', async () => {
    const core = kc.makeApiClient(CoreV1Api);
    const secret = await core.readNamespacedSecret({ name: 'argocd-secret', namespace: ns.name });
    const values = Object.values(secret.data ?? {}).map((v) => Buffer.from(v, 'base64').toString('utf8'));
    const all = bodies.join('\n');
    for (const value of [...values, adminPassword, WEBHOOK_SECRET]) expect(all).not.toContain(value);
  });
});
