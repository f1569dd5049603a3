import { join } from 'node:path';
import { credentials, Metadata, type Client, type ServiceError } from '@grpc/grpc-js';
import {
  createTestNamespace,
  installCrds,
  serveTestRepo,
  spawnController,
  readAdminPassword,
  spawnRepoServer,
  spawnTestGateway,
  testKubeConfig,
  type GitFixture,
  type GitServer,
  type ServiceProcess,
  type TestNamespace,
} from '@fjord/devkit';

/** A plain-YAML app the test repository holds at `guestbook/`. */
const GUESTBOOK = `apiVersion: v1
kind: ConfigMap
metadata:
  name: guestbook
data:
  greeting: hello
`;

/** A real gateway (with a real repo-server, optionally a real controller) on the test cluster, the admin logged in. */
export interface GatewayHarness {
  ns: TestNamespace;
  /** The gateway's REST base URL. */
  base: string;
  grpcAddress: string;
  adminToken: string;
  /** The admin's generated password (`argocd-initial-admin-secret`). */
  adminPassword: string;
  /** Logs the admin in again: a fresh token (a test that logs out revokes the one it used). */
  login(): Promise<string>;
  git: GitServer;
  repo: GitFixture;
  /** The test repository's URL over HTTP; by default it has `guestbook/` on `main`. */
  repoURL: string;
  /** A scratch folder of the test's, removed on stop. */
  work: string;
  processes: ServiceProcess[];
  /** A REST call with an optional token and raw or JSON body. */
  call(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; raw?: string; timeoutMs?: number },
  ): Promise<{ status: number; json: Record<string, unknown>; text: string }>;
  /** Metadata carrying a bearer token. */
  grpcAuth(token?: string): Metadata;
  stop(): Promise<void>;
}

/** A unary gRPC call as a promise, with a deadline. */
export function grpcCall<Req, Res>(
  client: Client,
  method: (req: Req, md: Metadata, opts: { deadline: number }, cb: (err: ServiceError | null, res: Res) => void) => unknown,
  req: Req,
  md: Metadata,
  timeoutMs = 5_000,
): Promise<Res> {
  return new Promise((resolve, reject) => method.call(client, req, md, { deadline: Date.now() + timeoutMs }, (err, res) => (err ? reject(err) : resolve(res))));
}

/** What the harness starts: `prefix` names its namespace and scratch folder; the repository is `<repoName>.git` with `files`. */
export interface GatewayHarnessOptions {
  prefix: string;
  /** Start the app-controller too (else the gateway's controller address answers nothing). */
  controller?: boolean;
  /** The test repository's files; default a plain-YAML `guestbook/`. */
  files?: Record<string, string>;
  /** The test repository's name; default `config`. */
  repoName?: string;
}

/** Starts Git, the repo-server, optionally the app-controller, and the gateway against a namespace of their own. */
export async function startGatewayHarness(options: GatewayHarnessOptions): Promise<GatewayHarness> {
  const kc = testKubeConfig();
  await installCrds(kc);
  const ns = await createTestNamespace(options.prefix, kc);
  const served = await serveTestRepo({ prefix: options.prefix, name: options.repoName, files: options.files ?? { 'guestbook/configmap.yaml': GUESTBOOK } });
  const { work, repo, git } = served;
  const env = { KUBECONFIG: process.env.FJORD_TEST_KUBECONFIG, LOG_LEVEL: 'warn', REDIS_URL: '', FJORD_NAMESPACE: ns.name };
  const processes: ServiceProcess[] = [];
  const repoServer = await spawnRepoServer({ cacheDir: join(work, 'cache'), env });
  processes.push(repoServer);
  const controller = options.controller ? await spawnController({ repoServer, env }) : undefined;
  if (controller) processes.push(controller);
  const gateway = await spawnTestGateway({ namespace: ns.name, controller, repoServer, args: ['--max-body-bytes', String(4 * 1024 * 1024)], env });
  processes.push(gateway.process);
  const base = gateway.url;
  const call: GatewayHarness['call'] = async (method, path, o = {}) => {
    const res = await fetch(`${base}${path}`, {
      method,
      headers: { 'Content-Type': 'application/json', ...(o.token ? { Authorization: `Bearer ${o.token}` } : {}) },
      body: o.raw ?? (o.body === undefined ? undefined : JSON.stringify(o.body)),
      signal: AbortSignal.timeout(o.timeoutMs ?? 10_000),
    });
    const text = await res.text();
    let json: Record<string, unknown> = {};
    try {
      json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
    } catch {
      // not JSON: the caller looks at text
    }
    return { status: res.status, json, text };
  };
  const adminPassword = await readAdminPassword(kc, ns.name);
  const login = async () => {
    const res = await call('POST', '/api/v1/session', { body: { username: 'admin', password: adminPassword } });
    if (res.status !== 200) throw new Error(`admin login failed: ${res.status} ${res.text}`);
    return res.json.token as string;
  };
  return {
    ns,
    base,
    grpcAddress: `127.0.0.1:${gateway.process.grpcPort}`,
    adminToken: await login(),
    adminPassword,
    login,
    git,
    repo,
    repoURL: served.url,
    work,
    processes,
    call,
    grpcAuth(token) {
      const md = new Metadata();
      if (token) md.set('authorization', `Bearer ${token}`);
      return md;
    },
    async stop() {
      for (const p of [...processes].reverse()) await p.stop();
      await ns.remove();
      await served.close();
    },
  };
}

/** Insecure gRPC channel credentials for the gateway under test. */
export const insecure = () => credentials.createInsecure();
