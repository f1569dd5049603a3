/**
 * Terminating a running operation, as `argocd app terminate-op` does: given an app whose sync is Running, the
 * REST call, the gRPC call and the CLI each leave `status.operationState.phase` Terminating on the API server (the
 * controller then stops the run); with nothing running the answer is 400, for a caller without `applications, sync`
 * 403, for an app the caller cannot see or that does not exist 404.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import bcrypt from 'bcryptjs';
import { CoreV1Api, CustomObjectsApi, PatchStrategy, setHeaderOptions, type KubeConfig } from '@kubernetes/client-node';
import { APPLICATIONS, repoRoot, testApplication, testKubeConfig } from '@fjord/devkit';
import { application } from '@fjord/proto';
import { grpcCall, insecure, startGatewayHarness, type GatewayHarness } from '../test/gateway-harness';

jest.setTimeout(120_000);

const NO_OPERATION = 'Unable to terminate operation. No operation is in progress';
let h: GatewayHarness;
let kc: KubeConfig;
let grpc: application.ApplicationServiceClient;
let readerToken: string;

const appRef = (name: string) => ({ ...APPLICATIONS, namespace: h.ns.name, name });
const custom = () => kc.makeApiClient(CustomObjectsApi);
const phaseOf = async (name: string) =>
  ((await custom().getNamespacedCustomObject(appRef(name))) as { status?: { operationState?: { phase?: string; message?: string } } }).status?.operationState;

/** An app (no controller runs here, so the status stays as written) whose operation is in `phase`. */
async function appWithOperation(name: string, phase?: string): Promise<void> {
  await custom().createNamespacedCustomObject({
    ...appRef(name),
    body: {
      ...testApplication({ name, repoURL: h.repoURL, path: 'guestbook', destNamespace: 'default' }),
      ...(phase ? { operation: { sync: { revision: 'main' }, initiatedBy: { username: 'admin' } } } : {}),
    },
  });
  if (!phase) return;
  const operationState = { phase, message: 'syncing wave 1', startedAt: new Date().toISOString(), operation: { sync: { revision: 'main' } } };
  await custom().patchNamespacedCustomObjectStatus(
    { ...appRef(name), body: { status: { operationState } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
}

beforeAll(async () => {
  h = await startGatewayHarness({ prefix: 'fjord-terminate' });
  kc = testKubeConfig();
  grpc = new application.ApplicationServiceClient(h.grpcAddress, insecure());
  // A read-only local account: it may see every app but sync none.
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespacedConfigMap({ namespace: h.ns.name, body: { metadata: { name: 'argocd-cm' }, data: { 'accounts.reader': 'login' } } });
  await core.patchNamespacedSecret(
    { name: 'argocd-secret', namespace: h.ns.name, body: { stringData: { 'accounts.reader.password': bcrypt.hashSync('reader-pw', 10) } } },
    setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
  );
  await core.createNamespacedConfigMap({ namespace: h.ns.name, body: { metadata: { name: 'argocd-rbac-cm' }, data: { 'policy.default': 'role:readonly' } } });
  for (let i = 0; i < 50 && !readerToken; i++) {
    const res = await h.call('POST', '/api/v1/session', { body: { username: 'reader', password: 'reader-pw' } });
    if (res.status === 200) readerToken = res.json.token as string;
    else await new Promise((r) => setTimeout(r, 200));
  }
});

afterAll(async () => {
  grpc?.close();
  await h?.stop();
});

describe('DELETE /api/v1/applications/{name}/operation', () => {
  it('marks a Running operation Terminating and keeps the rest of its state', async () => {
    await appWithOperation('running', 'Running');
    const res = await h.call('DELETE', '/api/v1/applications/running/operation', { token: h.adminToken });
    expect(res).toMatchObject({ status: 200, json: {} });
    expect(await phaseOf('running')).toMatchObject({ phase: 'Terminating', message: 'syncing wave 1' });
    // Asking again while it terminates is no error and changes nothing.
    expect((await h.call('DELETE', '/api/v1/applications/running/operation', { token: h.adminToken })).status).toBe(200);
    expect((await phaseOf('running'))?.phase).toBe('Terminating');
  });

  it('answers 400 when no operation is in progress, finished or never started, and writes nothing', async () => {
    await appWithOperation('idle');
    await appWithOperation('finished', 'Succeeded');
    for (const name of ['idle', 'finished']) {
      const res = await h.call('DELETE', `/api/v1/applications/${name}/operation`, { token: h.adminToken });
      expect(res).toMatchObject({ status: 400, json: { message: NO_OPERATION } });
    }
    expect(await phaseOf('idle')).toBeUndefined();
    expect((await phaseOf('finished'))?.phase).toBe('Succeeded');
  });

  it('answers 403 to a caller who may see the app but not sync it, and leaves the operation running', async () => {
    await appWithOperation('guarded', 'Running');
    const res = await h.call('DELETE', '/api/v1/applications/guarded/operation', { token: readerToken });
    expect(res.status).toBe(403);
    expect(res.json.message).toBe('permission denied: applications, sync, default/guarded, sub: reader');
    expect((await phaseOf('guarded'))?.phase).toBe('Running');
  });

  it('answers 404 for an app that does not exist, and 401 without a token', async () => {
    expect((await h.call('DELETE', '/api/v1/applications/no-such-app/operation', { token: h.adminToken })).status).toBe(404);
    expect((await h.call('DELETE', '/api/v1/applications/guarded/operation')).status).toBe(401);
  });
});

describe('the gRPC TerminateOperation method', () => {
  it('marks a Running operation Terminating, and is INVALID_ARGUMENT when none runs or PERMISSION_DENIED without sync', async () => {
    await appWithOperation('grpc-running', 'Running');
    await grpcCall(grpc, grpc.terminateOperation, { name: 'grpc-running', appNamespace: '', project: '' }, h.grpcAuth(h.adminToken));
    expect((await phaseOf('grpc-running'))?.phase).toBe('Terminating');

    await appWithOperation('grpc-idle');
    const idle = await grpcCall(grpc, grpc.terminateOperation, { name: 'grpc-idle', appNamespace: '', project: '' }, h.grpcAuth(h.adminToken)).catch(
      (e: ServiceError) => e,
    );
    expect(idle).toMatchObject({ code: GrpcStatus.INVALID_ARGUMENT, details: NO_OPERATION });

    await appWithOperation('grpc-guarded', 'Running');
    const refused = await grpcCall(grpc, grpc.terminateOperation, { name: 'grpc-guarded', appNamespace: '', project: '' }, h.grpcAuth(readerToken)).catch(
      (e: ServiceError) => e,
    );
    expect(refused).toMatchObject({ code: GrpcStatus.PERMISSION_DENIED });
    expect((await phaseOf('grpc-guarded'))?.phase).toBe('Running');
  });
});

describe('fjord app terminate-op', () => {
  it('terminates the running operation of the named app, and reports the 400 when none runs', async () => {
    const home = mkdtempSync(join(tmpdir(), 'fjord-terminate-home-'));
    try {
      const fjord = (args: string[]) =>
        spawnSync(process.execPath, [join(repoRoot(), 'cli/bin/fjord.js'), ...args], {
          encoding: 'utf8',
          env: { ...process.env, HOME: home, XDG_CONFIG_HOME: '' },
        });
      const secret = await kc.makeApiClient(CoreV1Api).readNamespacedSecret({ name: 'argocd-initial-admin-secret', namespace: h.ns.name });
      expect(fjord(['login', h.base, '--username', 'admin', '--password', Buffer.from(secret.data!.password, 'base64').toString('utf8')]).status).toBe(0);

      await appWithOperation('cli-running', 'Running');
      const run = fjord(['app', 'terminate-op', 'cli-running']);
      expect(run).toMatchObject({ status: 0, stdout: "application 'cli-running' operation terminating\n" });
      expect((await phaseOf('cli-running'))?.phase).toBe('Terminating');

      await appWithOperation('cli-idle');
      const idle = fjord(['app', 'terminate-op', 'cli-idle']);
      expect(idle.status).not.toBe(0);
      expect(idle.stderr).toContain(NO_OPERATION);
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  });
});
