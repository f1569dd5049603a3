/**
 * The secrets service's HTTP API (upstream's /v1 paths) answers every bad request promptly with a 4xx and a
 * one-line reason, never hangs: issue 15 part 6 (a bad body to POST /v1/rotate was never answered, and so
 * `fjord seal --re-encrypt` of a tampered input hung), and a bad-base64 SealedSecret is reported as invalid base64
 * naming the field, not as a too-short ciphertext.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { CustomObjectsApi } from '@kubernetes/client-node';
import { createTestNamespace, eventually, installCrds, runFjord, testKubeConfig, type TestNamespace } from '@fjord/devkit';
import { formatObject, OutputFormat, parseCertificate, sealSecret, type SealedSecret } from '@fjord/sealing';
import { scratchDir, startSecrets, type StartedSecrets } from '../test/secrets-harness';

const kc = testKubeConfig();
const SS = { group: 'bitnami.com', version: 'v1alpha1', plural: 'sealedsecrets' };
let ns: TestNamespace;
let svc: StartedSecrets;
let http: string;
let dir: string;
let sealed: SealedSecret;

/** One request with a 2 s deadline: a hang fails the test instead of stalling it. */
async function send(path: string, init: { method?: string; body?: string } = {}): Promise<{ status: number; text: string; ms: number }> {
  const started = Date.now();
  const res = await fetch(`${http}${path}`, { method: init.method ?? 'POST', body: init.body, signal: AbortSignal.timeout(2_000) });
  return { status: res.status, text: await res.text(), ms: Date.now() - started };
}

/** `fjord seal` against the service, killed after 20 s so that a hang fails the test. */
async function fjordSeal(args: string[], stdin: string): Promise<{ code: number | null; stderr: string; ms: number }> {
  const started = Date.now();
  const env = { FJORD_SECRETS_URL: http, KUBECONFIG: join(dir, 'kubeconfig') };
  const { code, stderr } = await runFjord(['seal', ...args], { env, stdin, timeoutMs: 20_000 });
  return { code, stderr, ms: Date.now() - started };
}

const withData = (encryptedData: unknown) => JSON.stringify({ ...sealed, spec: { ...sealed.spec, encryptedData } });

beforeAll(async () => {
  await installCrds(kc);
  ns = await createTestNamespace('secrets-http', kc);
  dir = scratchDir('fjord-secrets-http-');
  svc = await startSecrets(ns.name, ns.name);
  http = svc.http;
  const cert = parseCertificate(await (await fetch(`${http}/v1/cert.pem`)).text());
  sealed = sealSecret(
    { apiVersion: 'v1', kind: 'Secret', metadata: { name: 'db', namespace: ns.name }, stringData: { password: 'hunter2-x' } },
    cert.publicKey,
  );
}, 120_000);

afterAll(async () => {
  await svc?.stop();
  await ns?.remove();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('POST /v1/rotate and /v1/verify with bad input', () => {
  it.each([
    ['an empty body', '', 400, /expected exactly one SealedSecret, got 0 objects/],
    ['malformed YAML', 'kind: [', 400, /failed to parse the input/],
    ['a Secret instead of a SealedSecret', '{"kind": "Secret"}', 400, /expected a SealedSecret, got a Secret/],
    ['a spec that is not an object', '{"kind": "SealedSecret", "spec": 1}', 400, /field spec must be an object, not a number/],
    ['a number as ciphertext', () => withData({ password: 1234 }), 400, /field spec\.encryptedData\.password must be a base64 string, not a number/],
    [
      'malformed base64',
      () => withData({ password: 'not base64!!' }),
      400,
      /invalid base64 in field spec\.encryptedData\.password: illegal base64 data at input byte 3/,
    ],
    ['a tampered ciphertext', () => withData({ password: Buffer.from('x'.repeat(600)).toString('base64') }), 409, /no key could decrypt secret \(password\)/],
  ])('rotate answers %s at once with a 4xx and the reason', async (_what, body, status, message) => {
    const res = await send('/v1/rotate', { body: typeof body === 'function' ? body() : body });
    expect(res).toMatchObject({ status });
    expect(res.text).toMatch(message);
    expect(res.ms).toBeLessThan(1_000);
  });

  it('verify names the field of malformed base64 and of a wrongly typed value (400, not 409 "too short")', async () => {
    const bad = await send('/v1/verify', { body: withData({ password: 'not base64!!' }) });
    expect(bad.status).toBe(400);
    expect(bad.text).toMatch(/^invalid base64 in field spec\.encryptedData\.password/);
    const typed = await send('/v1/verify', { body: withData({ password: null }) });
    expect(typed.status).toBe(400);
    expect(typed.text).toMatch(/field spec\.encryptedData\.password must be a base64 string, not null/);
  });

  it('answers a wrong method 405 and an oversized body 413, and stays healthy', async () => {
    expect((await send('/v1/rotate', { method: 'GET' })).status).toBe(405);
    expect((await send('/v1/cert.pem', { method: 'POST', body: '{}' })).status).toBe(405);
    const big = await send('/v1/verify', { body: 'x'.repeat(5 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect((await send('/healthz', { method: 'GET' })).text).toBe('ok\n');
    expect((await send('/v1/rotate', { body: JSON.stringify(sealed) })).status).toBe(200);
  });
});

describe('fjord seal --re-encrypt', () => {
  it('of a tampered input fails at once with the reason, instead of hanging', async () => {
    const tampered = withData({ password: 'not base64!!' });
    const run = await fjordSeal(['--re-encrypt'], tampered);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/invalid base64 in field spec\.encryptedData\.password/);
    expect(run.ms).toBeLessThan(15_000);
    const undecryptable = await fjordSeal(['--re-encrypt'], withData({ password: Buffer.from('y'.repeat(600)).toString('base64') }));
    expect(undecryptable.code).not.toBe(0);
    expect(undecryptable.stderr).toMatch(/rotate failed \(409\): no key could decrypt secret \(password\)/);
  }, 40_000);
});

describe('a SealedSecret with malformed base64 in the cluster', () => {
  it('gets a Synced=False condition saying invalid base64 in spec.encryptedData.<key>', async () => {
    const custom = kc.makeApiClient(CustomObjectsApi);
    const bad = JSON.parse(withData({ password: 'not base64!!' })) as SealedSecret;
    await custom.createNamespacedCustomObject({ ...SS, namespace: ns.name, body: bad });
    const condition = await eventually(async () => {
      const live = (await custom.getNamespacedCustomObject({ ...SS, namespace: ns.name, name: 'db' })) as SealedSecret;
      const c = live.status?.conditions?.find((x) => x.type === 'Synced');
      if (!c) throw new Error('no Synced condition yet');
      return c;
    });
    expect(condition).toMatchObject({ status: 'False', reason: 'InvalidBase64' });
    expect(condition.message).toMatch(/^invalid base64 in field spec\.encryptedData\.password: illegal base64 data at input byte 3/);
    expect(formatObject(condition, OutputFormat.Json)).not.toContain('hunter2');
  }, 60_000);
});
