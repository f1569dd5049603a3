import { request as httpRequest } from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import bcrypt from 'bcryptjs';
import { credentials, Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, type KubeConfig } from '@kubernetes/client-node';
import { application as applicationProto, project as projectProto, session as sessionProto } from '@fjord/proto';
import {
  createTestNamespace,
  eventually,
  installCrds,
  readAdminPassword,
  runFjord,
  spawnTestGateway,
  testKubeConfig,
  type GatewayProcess,
  type TestNamespace,
} from '@fjord/devkit';

// Issue 15, parts 3–5, reproduced against a gateway on the real cluster: a token dies with its account (disabled,
// removed, password changed, logged out, project token removed from jwtTokens); a project role cannot escalate
// through its own project, neither by an accepted policy nor by one written past the API; and failed logins from
// one address never lock the account's owner out from another, whatever X-Forwarded-For says.

jest.setTimeout(120_000);
let kc: KubeConfig;
let ns: TestNamespace;
let gateway: GatewayProcess;
let adminPassword: string;
let adminToken: string;
let home: string;
const merge = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);

/** One REST call; `from` picks the local (source) address, so the gateway sees another client. */
function call(
  method: string,
  path: string,
  options: { token?: string; body?: unknown; from?: string; headers?: Record<string, string> } = {},
): Promise<{ status: number; json: Record<string, unknown> }> {
  const url = new URL(`${gateway.url}${path}`);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method,
        localAddress: options.from,
        headers: { 'Content-Type': 'application/json', ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}), ...options.headers },
      },
      (res) => {
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? (JSON.parse(text) as Record<string, unknown>) : {} }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const login = async (username: string, password: string, from?: string) => call('POST', '/api/v1/session', { body: { username, password }, from });
const tokenOf = async (username: string, password: string) => {
  const res = await login(username, password);
  expect(res.status).toBe(200);
  return res.json.token as string;
};
const whoami = async (token: string) => (await call('GET', '/api/v1/session/userinfo', { token })).status;
const core = () => kc.makeApiClient(CoreV1Api);
const patchCm = (data: Record<string, string | null>) => core().patchNamespacedConfigMap({ name: 'argocd-cm', namespace: ns.name, body: { data } }, merge);
const patchSecret = (stringData: Record<string, string>) =>
  core().patchNamespacedSecret({ name: 'argocd-secret', namespace: ns.name, body: { stringData } }, merge);
const projects = () => kc.makeApiClient(CustomObjectsApi);
const projectRef = (name: string) => ({ group: 'argoproj.io', version: 'v1alpha1', plural: 'appprojects', namespace: ns.name, name });
const getProject = async (name: string) =>
  (await projects().getNamespacedCustomObject(projectRef(name))) as {
    spec: { destinations?: unknown[]; roles?: { name: string; policies?: string[]; jwtTokens?: { id: string }[] }[] };
  };

/** Adds a local account with a password, as `argocd account update-password` stores it. */
async function addAccount(name: string, password: string): Promise<void> {
  await patchCm({ [`accounts.${name}`]: 'apiKey, login' });
  await patchSecret({ [`accounts.${name}.password`]: bcrypt.hashSync(password, 10), [`accounts.${name}.passwordMtime`]: new Date().toISOString() });
}

function grpc<C>(Client: new (address: string, creds: ReturnType<typeof credentials.createInsecure>) => C): C {
  return new Client(`127.0.0.1:${gateway.process.grpcPort}`, credentials.createInsecure());
}

/** Calls a unary gRPC method and resolves with its error (or undefined) and answer. */
function unary<Req, Res>(client: object, method: string, req: Req, md = new Metadata()): Promise<{ err?: ServiceError; res?: Res }> {
  return new Promise((resolve) => {
    (client as Record<string, (r: Req, m: Metadata, cb: (e: ServiceError | null, r: Res) => void) => void>)[method](req, md, (err, res) =>
      resolve({ err: err ?? undefined, res }),
    );
  });
}
const bearer = (token: string) => {
  const md = new Metadata();
  md.set('authorization', `Bearer ${token}`);
  return md;
};

beforeAll(async () => {
  kc = testKubeConfig();
  await installCrds(kc);
  ns = await createTestNamespace('fjord-authz', kc);
  home = mkdtempSync(join(tmpdir(), 'fjord-authz-home-'));
  await core().createNamespacedConfigMap({ namespace: ns.name, body: { metadata: { name: 'argocd-cm' }, data: {} } });
  gateway = await spawnTestGateway({ namespace: ns.name, env: { KUBECONFIG: process.env.FJORD_TEST_KUBECONFIG, LOG_LEVEL: 'warn' } });
  adminPassword = await readAdminPassword(kc, ns.name);
  adminToken = await tokenOf('admin', adminPassword);
});

afterAll(async () => {
  await gateway?.process.stop();
  await ns?.remove();
  rmSync(home, { recursive: true, force: true });
});

describe('a session token dies with its account', () => {
  it('is refused once its account is disabled (401), and accepted again when it is re-enabled', async () => {
    await addAccount('alice', 'alice-pw');
    const token = await tokenOf('alice', 'alice-pw');
    expect(await whoami(token)).toBe(200);
    await patchCm({ 'accounts.alice.enabled': 'false' });
    await eventually(async () => expect(await whoami(token)).toBe(401));
    expect((await call('GET', '/api/v1/applications', { token })).json.message).toBe('account of this token is disabled');
    await patchCm({ 'accounts.alice.enabled': null });
    await eventually(async () => expect(await whoami(token)).toBe(200));
  });

  it('is refused once its account is removed from argocd-cm (401)', async () => {
    await addAccount('bob', 'bob-pw');
    const token = await tokenOf('bob', 'bob-pw');
    await patchCm({ 'accounts.bob': null });
    await eventually(async () => expect(await whoami(token)).toBe(401));
    expect((await call('GET', '/api/v1/session/userinfo', { token })).json.message).toBe('account of this token no longer exists');
  });

  it('is refused once the password changes; a login with the new password works at once', async () => {
    await addAccount('carol', 'carol-old');
    const old = await tokenOf('carol', 'carol-old');
    await patchSecret({ 'accounts.carol.password': bcrypt.hashSync('carol-new', 10), 'accounts.carol.passwordMtime': new Date().toISOString() });
    const fresh = await tokenOf('carol', 'carol-new');
    expect(await whoami(fresh)).toBe(200); // even before the gateway's watch has seen the change
    await eventually(async () => expect(await whoami(old)).toBe(401));
    expect((await call('GET', '/api/v1/session/userinfo', { token: old })).json.message).toBe('account password has changed since token issued');
    expect(await whoami(fresh)).toBe(200);
    expect((await login('carol', 'carol-old')).status).toBe(401);
  });

  it('is refused when only the hash is replaced (kubectl, no passwordMtime): the token carries a fingerprint of it', async () => {
    await addAccount('dave', 'dave-old');
    const old = await tokenOf('dave', 'dave-old');
    await patchSecret({ 'accounts.dave.password': bcrypt.hashSync('dave-new', 10) });
    await eventually(async () => expect(await whoami(old)).toBe(401));
  });
});

describe('logout', () => {
  it('DELETE /api/v1/session revokes the token at once, leaves other sessions alone, and survives a restart', async () => {
    const token = await tokenOf('admin', adminPassword);
    const logout = await call('DELETE', '/api/v1/session', { token });
    expect(logout.status).toBe(200);
    expect(await whoami(token)).toBe(401);
    expect((await call('GET', '/api/v1/session/userinfo', { token })).json.message).toBe('token has been revoked (logged out)');
    expect(await whoami(adminToken)).toBe(200);
    // The revocation is in the cluster: a gateway started afterwards (a restart, or another replica) refuses it too.
    const cm = await core().readNamespacedConfigMap({ name: 'fjord-revoked-tokens', namespace: ns.name });
    expect(Object.keys(cm.data ?? {})).toHaveLength(1);
    const second = await spawnTestGateway({ namespace: ns.name, env: { KUBECONFIG: process.env.FJORD_TEST_KUBECONFIG, LOG_LEVEL: 'warn' } });
    try {
      const res = await fetch(`${second.url}/api/v1/session/userinfo`, { headers: { Authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
      expect((await fetch(`${second.url}/api/v1/session/userinfo`, { headers: { Authorization: `Bearer ${adminToken}` } })).status).toBe(200);
    } finally {
      await second.process.stop();
    }
  });

  it('gRPC SessionService.Delete revokes the token too', async () => {
    const client = grpc(sessionProto.SessionServiceClient);
    const created = await unary<sessionProto.SessionCreateRequest, sessionProto.SessionResponse>(client, 'create', {
      username: 'admin',
      password: adminPassword,
    });
    const token = created.res!.token;
    expect((await unary(client, 'getUserInfo', {}, bearer(token))).err).toBeUndefined();
    expect((await unary(client, 'delete', {}, bearer(token))).err).toBeUndefined();
    expect((await unary(client, 'getUserInfo', {}, bearer(token))).err?.code).toBe(GrpcStatus.UNAUTHENTICATED);
    expect(await whoami(token)).toBe(401);
    client.close();
  });

  it('ends event streams opened with the token: the REST stream with a 401 error event, the gRPC watch UNAUTHENTICATED', async () => {
    const client = grpc(applicationProto.ApplicationServiceClient);
    const ended = (stream: ReturnType<typeof client.watch>) => new Promise<ServiceError>((resolve) => stream.on('error', resolve));
    // a watch with a bad token is refused at once (it used to stay open, silent, for ever)
    const refused = await ended(client.watch({ name: '', projects: [] } as never, bearer('not-a-token')));
    expect(refused.code).toBe(GrpcStatus.UNAUTHENTICATED);

    const token = await tokenOf('admin', adminPassword);
    const opened = Date.now();
    const sse = await fetch(`${gateway.url}/api/v1/stream/applications`, { headers: { Authorization: `Bearer ${token}` } });
    expect(sse.status).toBe(200);
    const sseText = sse.text(); // resolves only when the server ends the stream
    const watchEnded = ended(client.watch({ name: '', projects: [] } as never, bearer(token)));

    expect((await call('DELETE', '/api/v1/session', { token })).status).toBe(200);

    const text = await sseText;
    expect(text).toContain('event: error');
    expect(text).toContain('token has been revoked (logged out)');
    const err = await watchEnded;
    expect(err.code).toBe(GrpcStatus.UNAUTHENTICATED);
    expect(err.details).toBe('token has been revoked (logged out)');
    expect(Date.now() - opened).toBeLessThan(30_000); // the gateway checks open streams every 5 s
    client.close();
  });

  it('`fjord logout` revokes the session on the server and forgets it locally', async () => {
    const fjord = (args: string[]) => runFjord(args, { env: { HOME: home, XDG_CONFIG_HOME: '' } });
    expect((await fjord(['login', gateway.url, '--username', 'admin', '--password', adminPassword])).code).toBe(0);
    const file = join(home, '.config/fjord/config.json');
    const { token } = JSON.parse(readFileSync(file, 'utf8')) as { token: string };
    expect(await whoami(token)).toBe(200);
    const out = await fjord(['logout']);
    expect(out.stderr).toBe('');
    expect(out.stdout).toMatch(/Logged out/);
    expect(existsSync(file)).toBe(false);
    expect(await whoami(token)).toBe(401);
  });
});

describe('project roles', () => {
  const ciPolicy = 'p, proj:team:ci, applications, sync, team/*, allow';
  const escalation = 'p, proj:team:ci, projects, update, team, allow';
  const teamProject = (policies: string[]) => ({
    metadata: { name: 'team' },
    spec: {
      sourceRepos: ['https://github.com/org/*'],
      destinations: [{ server: 'https://kubernetes.default.svc', namespace: 'team-*' }],
      roles: [{ name: 'ci', policies }],
    },
  });
  const wideOpen = {
    metadata: { name: 'team' },
    spec: {
      sourceRepos: ['*'],
      destinations: [{ server: '*', namespace: '*' }],
      clusterResourceWhitelist: [{ group: '*', kind: '*' }],
      roles: [{ name: 'ci', policies: [escalation] }],
    },
  };
  let ciToken: string;

  beforeAll(async () => {
    expect((await call('POST', '/api/v1/projects', { token: adminToken, body: { project: teamProject([ciPolicy]) } })).status).toBe(200);
    ciToken = ((await call('POST', '/api/v1/projects/team/roles/ci/token', { token: adminToken, body: {} })).json.token as string) ?? '';
  });

  it('refuses the escalating policy from the report with 400 on POST and PUT, naming the role and the line', async () => {
    const line = 'p, proj:team2:ci, projects, update, team2, allow';
    const post = await call('POST', '/api/v1/projects', { token: adminToken, body: { project: { ...teamProject([line]), metadata: { name: 'team2' } } } });
    expect(post.status).toBe(400);
    expect(post.json.message).toContain(`role 'ci': invalid policy rule '${line}': project resource must be`);
    const put = await call('PUT', '/api/v1/projects/team', { token: adminToken, body: { project: teamProject([escalation]) } });
    expect(put.status).toBe(400);
    expect(put.json.message).toBe(
      `role 'ci': invalid policy rule '${escalation}': project resource must be: 'applications', 'applicationsets', 'repositories', 'clusters', 'logs', 'exec', not 'projects'`,
    );
    const otherProject = await call('PUT', '/api/v1/projects/team', {
      token: adminToken,
      body: { project: teamProject(['p, proj:team:ci, applications, sync, default/*, allow']) },
    });
    expect(otherProject.status).toBe(400);
    expect(otherProject.json.message).toMatch(/object must be of form 'team\/\*'/);
    expect((await getProject('team')).spec.roles?.[0].policies).toEqual([ciPolicy]);
  });

  it('refuses it with INVALID_ARGUMENT over gRPC', async () => {
    const client = grpc(projectProto.ProjectServiceClient);
    const wire = (name: string) =>
      projectProto.AppProject.fromPartial({
        name,
        spec: {
          sourceRepos: ['*'],
          destinations: [{ server: '*', namespace: '*' }],
          roles: [{ name: 'ci', policies: [`p, proj:${name}:ci, projects, update, ${name}, allow`] }],
        },
      });
    const created = await unary(client, 'create', { project: wire('team3'), upsert: false }, bearer(adminToken));
    expect(created.err?.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    expect(created.err?.details).toMatch(/role 'ci': invalid policy rule 'p, proj:team3:ci, projects, update, team3, allow'/);
    const updated = await unary(client, 'update', { project: wire('team') }, bearer(adminToken));
    expect(updated.err?.code).toBe(GrpcStatus.INVALID_ARGUMENT);
    client.close();
  });

  it('grants nothing beyond its scope for a bad policy written past the API (kubectl): the exact escalation is refused', async () => {
    const stored = await getProject('team');
    const roles = stored.spec.roles!.map((r) => ({ ...r, policies: [...(r.policies ?? []), escalation, 'p, proj:team:ci, *, *, *, allow'] }));
    await projects().patchNamespacedCustomObject({ ...projectRef('team'), body: { spec: { roles } } }, merge);
    const put = await call('PUT', '/api/v1/projects/team', { token: ciToken, body: { project: wideOpen } });
    expect(put.status).toBe(403);
    expect(put.json.message).toBe('permission denied: projects, update, team, sub: proj:team:ci');
    const client = grpc(projectProto.ProjectServiceClient);
    const grpcUpdate = await unary(
      client,
      'update',
      {
        project: projectProto.AppProject.fromPartial({
          name: 'team',
          spec: { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }], clusterResourceWhitelist: [{ group: '*', kind: '*' }] },
        }),
      },
      bearer(ciToken),
    );
    expect(grpcUpdate.err?.code).toBe(GrpcStatus.PERMISSION_DENIED);
    client.close();
    expect((await getProject('team')).spec.destinations).toEqual([{ server: 'https://kubernetes.default.svc', namespace: 'team-*' }]);
    // What the role may do still works: read its own project (Argo CD's implicit grant), and nothing global.
    expect((await call('GET', '/api/v1/projects/team', { token: ciToken })).status).toBe(200);
    expect((await call('GET', '/api/v1/projects/default', { token: ciToken })).status).toBe(403);
    expect((await call('DELETE', '/api/v1/projects/team', { token: ciToken })).status).toBe(403);
  });

  it('a project token is refused once its id is removed from the role jwtTokens', async () => {
    const token = (await call('POST', '/api/v1/projects/team/roles/ci/token', { token: adminToken, body: {} })).json.token as string;
    expect((await call('GET', '/api/v1/projects/team', { token })).status).toBe(200);
    const stored = await getProject('team');
    const tokenId = JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8')).jti as string;
    const roles = stored.spec.roles!.map((r) => ({ ...r, jwtTokens: (r.jwtTokens ?? []).filter((t) => t.id !== tokenId) }));
    expect(roles[0].jwtTokens.length).toBe(stored.spec.roles![0].jwtTokens!.length - 1);
    await projects().patchNamespacedCustomObject({ ...projectRef('team'), body: { spec: { roles } } }, merge);
    const res = await call('GET', '/api/v1/projects/team', { token });
    expect(res.status).toBe(401);
    expect(res.json.message).toBe('token has been revoked');
    expect((await call('GET', '/api/v1/projects/team', { token: ciToken })).status).toBe(200);
  });
});

describe('login limits', () => {
  it("an attacker's 10 failures for admin from address A leave the admin at address B able to log in", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await login('admin', `guess-${i}`, '127.0.0.2')).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429, 429, 429, 429]);
    expect((await login('admin', adminPassword, '127.0.0.2')).status).toBe(429);
    const owner = await login('admin', adminPassword, '127.0.0.3');
    expect(owner.status).toBe(200);
    expect(await whoami(owner.json.token as string)).toBe(200);
  });

  it('ignores X-Forwarded-For without a trusted proxy: a client cannot pose as new addresses', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push(
        (
          await call('POST', '/api/v1/session', {
            body: { username: 'admin', password: `xff-${i}` },
            from: '127.0.0.4',
            headers: { 'X-Forwarded-For': `203.0.113.${i}` },
          })
        ).status,
      );
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  });

  it('over gRPC, limits by the connection peer, not a client-sent x-forwarded-for: rotating it does not escape the per-address cap', async () => {
    // One address guessing a new account name each time, with a new x-forwarded-for each time: only the
    // per-address cap (50 failures over all names) can stop it, and only if the peer address is what counts.
    const client = grpc(sessionProto.SessionServiceClient);
    const codes: (number | undefined)[] = [];
    for (let i = 0; i < 60 && codes.at(-1) !== GrpcStatus.RESOURCE_EXHAUSTED; i++) {
      const md = new Metadata();
      md.set('x-forwarded-for', `198.51.100.${i}`);
      codes.push((await unary(client, 'create', { username: `spray-${i}`, password: 'guess' }, md)).err?.code);
    }
    expect(codes.at(-1)).toBe(GrpcStatus.RESOURCE_EXHAUSTED);
    expect(codes.slice(0, -1).every((c) => c === GrpcStatus.UNAUTHENTICATED)).toBe(true);
    expect(codes.length).toBeLessThanOrEqual(51);
    client.close();
  });
});
