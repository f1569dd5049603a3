/**
 * The secrets service against the real cluster and the real kubeseal: keys stored as upstream stores them, the
 * certificate served on /v1/cert.pem and used by kubeseal, SealedSecrets unsealed into owned Secrets, updates,
 * deletion by garbage collection, unmanaged Secrets left alone, tampering and scope violations refused, and a key
 * backup from "an upstream controller" restored into a fresh service.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { credentials } from '@grpc/grpc-js';
import { CoreV1Api, CustomObjectsApi, type V1Secret } from '@kubernetes/client-node';
import { createTestNamespace, eventually, FJORD_CLI, installCrds, runProgram, testKubeConfig, type TestNamespace } from '@fjord/devkit';
import { secrets as proto } from '@fjord/proto';
import {
  formatObject,
  generateSealingKey,
  KEY_SELECTOR,
  keySecretManifest,
  OutputFormat,
  parseSingleObject,
  type SealedSecret,
  type Secret,
} from '@fjord/sealing';
import { ensureBinaries } from '@fjord/test-cluster';
import { scratchDir, startSecrets, type StartedSecrets } from '../test/secrets-harness';

const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const custom = kc.makeApiClient(CustomObjectsApi);
const SS = { group: 'bitnami.com', version: 'v1alpha1', plural: 'sealedsecrets' };

let kubeseal: string;
let dir: string;
const namespaces: TestNamespace[] = [];

async function namespace(prefix: string): Promise<string> {
  const ns = await createTestNamespace(prefix, kc);
  namespaces.push(ns);
  return ns.name;
}

/** A secrets service of one describe block, with the namespace it keeps its keys in and watches. */
interface BlockService {
  ns: string;
  svc: StartedSecrets;
}

/**
 * Gives the calling describe block a new namespace and a secrets service there: started before the block's tests
 * and stopped after them. The fields are set when the tests run, so a test reads them inside its body.
 */
function serviceInOwnNamespace(prefix: string): BlockService {
  const block = {} as BlockService;
  beforeAll(async () => {
    block.ns = await namespace(prefix);
    block.svc = await startSecrets(block.ns, block.ns);
  }, 120_000);
  afterAll(async () => block.svc?.stop());
  return block;
}

/** Runs kubeseal without blocking the event loop (the service under test answers its HTTP calls in-process). */
function kubesealRun(args: string[], stdin: string): Promise<string> {
  return run(kubeseal, [...args, '--kubeconfig', join(dir, 'kubeconfig')], stdin);
}

/** Runs a program with stdin, resolving with stdout; rejects with stderr on a non-zero exit. */
async function run(cmd: string, args: string[], stdin: string, env: NodeJS.ProcessEnv = {}): Promise<string> {
  const out = await runProgram(cmd, args, { stdin, env });
  if (out.code !== 0) throw new Error(`${cmd} ${args[0]} failed: ${out.stderr}`);
  return out.stdout;
}

const secretInput = (ns: string, name: string, values: Record<string, string>): string =>
  formatObject({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: ns }, stringData: values }, OutputFormat.Yaml);

async function applySealed(ss: SealedSecret): Promise<void> {
  const { namespace, name } = ss.metadata as { namespace: string; name: string };
  try {
    const live = (await custom.getNamespacedCustomObject({ ...SS, namespace, name })) as SealedSecret;
    await custom.replaceNamespacedCustomObject({
      ...SS,
      namespace,
      name,
      body: { ...ss, metadata: { ...ss.metadata, resourceVersion: live.metadata!.resourceVersion } },
    });
  } catch (err) {
    if ((err as { code?: number }).code !== 404) throw err;
    await custom.createNamespacedCustomObject({ ...SS, namespace, body: ss });
  }
}

const readSecret = (namespace: string, name: string) => core.readNamespacedSecret({ namespace, name });
const value = (s: V1Secret, key: string) => Buffer.from(s.data![key], 'base64').toString();
const synced = async (namespace: string, name: string) => {
  const ss = (await custom.getNamespacedCustomObject({ ...SS, namespace, name })) as SealedSecret;
  const c = ss.status?.conditions?.find((x) => x.type === 'Synced');
  if (!c) throw new Error(`no Synced condition on ${name} yet`);
  return c;
};

beforeAll(async () => {
  await installCrds(kc);
  kubeseal = (await ensureBinaries()).kubeseal;
  dir = scratchDir('fjord-secrets-int-');
}, 30 * 60_000);

afterAll(async () => {
  for (const ns of namespaces) await ns.remove();
  rmSync(dir, { recursive: true, force: true });
});

describe('the secrets service in a real cluster', () => {
  const block = serviceInOwnNamespace('secrets');

  it('stores its key as upstream does and serves the certificate on /v1/cert.pem and over gRPC', async () => {
    const { ns, svc } = block;
    const keys = await core.listNamespacedSecret({ namespace: ns, labelSelector: KEY_SELECTOR });
    expect(keys.items).toHaveLength(1);
    const key = keys.items[0];
    expect(key.type).toBe('kubernetes.io/tls');
    expect(key.metadata!.name).toMatch(/^sealed-secrets-key[a-z0-9]{5}$/);
    expect(value(key, 'tls.key')).toMatch(/^-----BEGIN RSA PRIVATE KEY-----/);
    const res = await fetch(`${svc.http}/v1/cert.pem`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/x-pem-file');
    const pem = await res.text();
    expect(pem).toBe(value(key, 'tls.crt'));

    const client = new proto.SecretsServiceClient(`127.0.0.1:${svc.svc.grpc.port}`, credentials.createInsecure());
    const cert = await new Promise<proto.GetCertificateResponse>((resolve, reject) => client.getCertificate({}, (err, r) => (err ? reject(err) : resolve(r))));
    expect(cert.certificatePem).toBe(pem);
    client.close();
    expect(await (await fetch(`${svc.http}/healthz`)).text()).toBe('ok\n');
  });

  it('unseals what kubeseal sealed with the /v1/cert.pem URL into an owned Secret, then updates and garbage-collects it', async () => {
    const { ns, svc } = block;
    const sealed = await kubesealRun(['--cert', `${svc.http}/v1/cert.pem`, '--format', 'yaml'], secretInput(ns, 'db-pass', { password: 'v1-pw' }));
    const ss = parseSingleObject<SealedSecret>(sealed, 'SealedSecret');
    await applySealed(ss);
    const secret = await eventually(() => readSecret(ns, 'db-pass'));
    expect(value(secret, 'password')).toBe('v1-pw');
    const live = (await custom.getNamespacedCustomObject({ ...SS, namespace: ns, name: 'db-pass' })) as SealedSecret;
    expect(secret.metadata!.ownerReferences).toEqual([
      expect.objectContaining({ apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', name: 'db-pass', uid: live.metadata!.uid, controller: true }),
    ]);
    await eventually(async () => expect(await synced(ns, 'db-pass')).toMatchObject({ status: 'True' }));
    const events = await core.listNamespacedEvent({ namespace: ns, fieldSelector: 'involvedObject.name=db-pass' });
    expect(events.items.some((e) => e.reason === 'Unsealed')).toBe(true);

    const resealed = await kubesealRun(
      ['--cert', `${svc.http}/v1/cert.pem`, '--format', 'json'],
      secretInput(ns, 'db-pass', { password: 'v2-pw', extra: 'x' }),
    );
    await applySealed(parseSingleObject<SealedSecret>(resealed, 'SealedSecret'));
    await eventually(async () => expect(value(await readSecret(ns, 'db-pass'), 'password')).toBe('v2-pw'));

    await core.deleteNamespacedSecret({ namespace: ns, name: 'db-pass' });
    await eventually(async () => expect(value(await readSecret(ns, 'db-pass'), 'extra')).toBe('x')); // re-created

    await custom.deleteNamespacedCustomObject({ ...SS, namespace: ns, name: 'db-pass', body: { propagationPolicy: 'Background' } });
    await eventually(
      async () => {
        const gone = await readSecret(ns, 'db-pass').then(
          () => false,
          (e: { code?: number }) => e.code === 404,
        );
        expect(gone).toBe(true);
      },
      { timeoutMs: 60_000 },
    );
  }, 120_000);

  it('never overwrites a Secret it does not manage, and says why', async () => {
    const { ns, svc } = block;
    await core.createNamespacedSecret({ namespace: ns, body: { metadata: { name: 'handmade' }, stringData: { password: 'mine' } } });
    const sealed = await kubesealRun(['--cert', `${svc.http}/v1/cert.pem`], secretInput(ns, 'handmade', { password: 'theirs' }));
    await applySealed(parseSingleObject<SealedSecret>(sealed, 'SealedSecret'));
    const cond = await eventually(async () => {
      const c = await synced(ns, 'handmade');
      expect(c.status).toBe('False');
      return c;
    });
    expect(cond.reason).toBe('SecretNotManaged');
    expect(cond.message).toBe('failed update: Resource "handmade" already exists and is not managed by SealedSecret');
    expect(value(await readSecret(ns, 'handmade'), 'password')).toBe('mine');
  }, 60_000);

  it('refuses a renamed strict SealedSecret and a tampered one with a clear reason, creating no Secret', async () => {
    const { ns, svc } = block;
    const ss = parseSingleObject<SealedSecret>(
      await kubesealRun(['--cert', `${svc.http}/v1/cert.pem`], secretInput(ns, 'original', { k: 'v' })),
      'SealedSecret',
    );
    await applySealed({ ...ss, metadata: { ...ss.metadata, name: 'renamed' } });
    const bytes = Buffer.from(ss.spec.encryptedData!.k, 'base64');
    bytes[bytes.length - 5] ^= 0xff;
    await applySealed({ ...ss, metadata: { ...ss.metadata, name: 'original' }, spec: { ...ss.spec, encryptedData: { k: bytes.toString('base64') } } });
    for (const name of ['renamed', 'original']) {
      const c = await eventually(async () => {
        const cond = await synced(ns, name);
        expect(cond.status).toBe('False');
        return cond;
      });
      expect(c).toMatchObject({ reason: 'DecryptFailed', message: 'no key could decrypt secret (k)' });
      await expect(readSecret(ns, name)).rejects.toMatchObject({ code: 404 });
    }
  }, 60_000);

  it('takes in a key backup from an upstream controller and unseals what was sealed with it', async () => {
    const { ns } = block;
    const upstreamKey = await generateSealingKey({ bits: 2048 });
    writeFileSync(join(dir, 'upstream-cert.pem'), upstreamKey.certificatePem);
    const sealed = await kubesealRun(['--cert', join(dir, 'upstream-cert.pem')], secretInput(ns, 'from-upstream', { token: 'old-cluster' }));
    await applySealed(parseSingleObject<SealedSecret>(sealed, 'SealedSecret'));
    await eventually(async () => expect(await synced(ns, 'from-upstream')).toMatchObject({ status: 'False' }));
    const backup = keySecretManifest(upstreamKey, { namespace: ns });
    backup.metadata = { name: 'sealed-secrets-keyupstr', namespace: ns, labels: backup.metadata!.labels };
    await core.createNamespacedSecret({ namespace: ns, body: backup as V1Secret });
    await eventually(async () => expect(value(await readSecret(ns, 'from-upstream'), 'token')).toBe('old-cluster'), { timeoutMs: 30_000 });
    await eventually(async () => expect(await synced(ns, 'from-upstream')).toMatchObject({ status: 'True', reason: 'Unsealed' }));
  }, 60_000);

  it('verifies, re-encrypts and seals over HTTP and gRPC', async () => {
    const { ns, svc } = block;
    const sealedText = await kubesealRun(['--cert', `${svc.http}/v1/cert.pem`], secretInput(ns, 'check', { a: 'b' }));
    expect((await fetch(`${svc.http}/v1/verify`, { method: 'POST', body: sealedText })).status).toBe(200);
    const renamed = JSON.stringify({ ...JSON.parse(sealedText), metadata: { name: 'other', namespace: ns } });
    const refused = await fetch(`${svc.http}/v1/verify`, { method: 'POST', body: renamed });
    expect(refused.status).toBe(409);
    expect(await refused.text()).toBe('no key could decrypt secret (a)\n');
    const rotated = await fetch(`${svc.http}/v1/rotate`, { method: 'POST', body: sealedText });
    expect(rotated.status).toBe(200);
    const rotatedText = await rotated.text();
    expect(JSON.parse(rotatedText).spec.encryptedData.a).not.toBe(JSON.parse(sealedText).spec.encryptedData.a);
    expect((await fetch(`${svc.http}/v1/verify`, { method: 'POST', body: rotatedText })).status).toBe(200);
    expect((await fetch(`${svc.http}/v1/verify`, { method: 'POST', body: 'kind: [' })).status).toBe(400);

    const client = new proto.SecretsServiceClient(`127.0.0.1:${svc.svc.grpc.port}`, credentials.createInsecure());
    const call = <Req, Res>(fn: (req: Req, cb: (err: Error | null, res: Res) => void) => void, req: Req) =>
      new Promise<Res>((resolve, reject) => fn.call(client, req, (err, res) => (err ? reject(err) : resolve(res))));
    const sealedByService = await call<proto.SealRequest, proto.SealResponse>(client.seal, {
      secret: secretInput(ns, 'grpc', { x: 'y' }),
      scope: proto.SealingScope.SEALING_SCOPE_NAMESPACE_WIDE,
    });
    const parsed = JSON.parse(sealedByService.sealedSecret) as SealedSecret;
    expect(parsed.metadata!.annotations).toEqual({ 'sealedsecrets.bitnami.com/namespace-wide': 'true' });
    expect(JSON.stringify(parsed)).not.toContain('"y"');
    expect(await call(client.verify, { sealedSecret: sealedByService.sealedSecret })).toEqual({ valid: true, message: '' });
    expect(await call(client.verify, { sealedSecret: renamed })).toEqual({ valid: false, message: 'no key could decrypt secret (a)' });
    const rotatedGrpc = await call<proto.RotateRequest, proto.RotateResponse>(client.rotate, { sealedSecret: sealedText });
    expect(JSON.parse(rotatedGrpc.sealedSecret).metadata.name).toBe('check');
    await expect(call(client.seal, { secret: 'not: [yaml', scope: 0 })).rejects.toMatchObject({ code: 3 });
    client.close();

    const metrics = await (await fetch(`${svc.http}/metrics`)).text();
    expect(metrics).toMatch(/sealed_secrets_controller_unseal_requests_total\{[^}]*\} [1-9]/);
    expect(metrics).not.toContain('v2-pw');
  }, 60_000);
});

describe('the seed command: kubectl create secret --dry-run=client | npx fjord seal --format=yaml', () => {
  const block = serviceInOwnNamespace('secrets-seed');

  it('produces a SealedSecret that the service turns into the right Secret; --validate and --re-encrypt go through it', async () => {
    const { ns, svc } = block;
    const kubectl = (await ensureBinaries()).kubectl;
    const plain = await run(
      kubectl,
      ['create', 'secret', 'generic', 'db-pass', '--from-literal=password=correct horse', '-n', ns, '-o', 'yaml', '--dry-run=client'],
      '',
    );
    const env = { FJORD_SECRETS_URL: svc.http, KUBECONFIG: join(dir, 'kubeconfig') };
    const sealed = await run(process.execPath, [FJORD_CLI, 'seal', '--format=yaml'], plain, env);
    expect(sealed).not.toContain('correct horse');
    await applySealed(parseSingleObject<SealedSecret>(sealed, 'SealedSecret'));
    await eventually(async () => expect(value(await readSecret(ns, 'db-pass'), 'password')).toBe('correct horse'));
    await run(process.execPath, [FJORD_CLI, 'seal', '--validate'], sealed, env);
    const moved = sealed.replace(`namespace: ${ns}`, 'namespace: elsewhere');
    await expect(run(process.execPath, [FJORD_CLI, 'seal', '--validate'], moved, env)).rejects.toThrow('unable to decrypt sealed secret: db-pass');
    const rotated = await run(process.execPath, [FJORD_CLI, 'seal', '--re-encrypt', '-o', 'yaml'], sealed, env);
    await run(process.execPath, [FJORD_CLI, 'seal', '--validate'], rotated, env);
    // kubeseal and fjord seal are interchangeable: kubeseal validates nothing offline, but it decrypts fjord's
    // output with the service's key, read from the cluster as a backup would be.
    const keys = await core.listNamespacedSecret({ namespace: ns, labelSelector: KEY_SELECTOR });
    writeFileSync(join(dir, 'seed-keys.yaml'), formatObject({ apiVersion: 'v1', kind: 'List', items: keys.items }, OutputFormat.Yaml));
    const recovered = JSON.parse(await kubesealRun(['--recovery-unseal', '--recovery-private-key', join(dir, 'seed-keys.yaml')], sealed)) as Secret;
    expect(Buffer.from(recovered.data!.password, 'base64').toString()).toBe('correct horse');
  }, 60_000);
});

describe('key renewal', () => {
  it('adds a key every --key-renew-period; the newest seals, all keep decrypting', async () => {
    const home = await namespace('secrets-renew');
    const svc = await startSecrets(home, home, ['--key-renew-period', '1500ms']);
    try {
      const firstCert = await (await fetch(`${svc.http}/v1/cert.pem`)).text();
      writeFileSync(join(dir, 'first-cert.pem'), firstCert);
      const old = await kubesealRun(['--cert', join(dir, 'first-cert.pem')], secretInput(home, 'old', { v: '1' }));
      await eventually(
        async () => {
          const keys = await core.listNamespacedSecret({ namespace: home, labelSelector: KEY_SELECTOR });
          expect(keys.items.length).toBeGreaterThanOrEqual(2);
        },
        { timeoutMs: 20_000 },
      );
      const newCert = await (await fetch(`${svc.http}/v1/cert.pem`)).text();
      expect(newCert).not.toBe(firstCert);
      await applySealed(parseSingleObject<SealedSecret>(old, 'SealedSecret'));
      await eventually(async () => expect(value(await readSecret(home, 'old'), 'v')).toBe('1'));
    } finally {
      await svc.stop();
    }
  }, 60_000);
});

describe('disaster recovery: a key backup restored into a fresh install decrypts old SealedSecrets', () => {
  it('restores the key Secrets into a new namespace and unseals there', async () => {
    const oldHome = await namespace('secrets-old');
    const apps = await namespace('secrets-apps');
    const first = await startSecrets(oldHome, apps);
    const certPem = await (await fetch(`${first.http}/v1/cert.pem`)).text();
    await first.stop();
    // Backup: kubectl get secret -n <ns> -l sealedsecrets.bitnami.com/sealed-secrets-key -o yaml
    const backup = await core.listNamespacedSecret({ namespace: oldHome, labelSelector: KEY_SELECTOR });
    await core.deleteNamespacedSecret({ namespace: oldHome, name: backup.items[0].metadata!.name! });

    writeFileSync(join(dir, 'old-cert.pem'), certPem);
    const ss = parseSingleObject<SealedSecret>(
      await kubesealRun(['--cert', join(dir, 'old-cert.pem')], secretInput(apps, 'survivor', { pw: 'still-here' })),
      'SealedSecret',
    );

    const newHome = await namespace('secrets-new');
    for (const item of backup.items) {
      await core.createNamespacedSecret({
        namespace: newHome,
        body: { metadata: { name: item.metadata!.name, labels: item.metadata!.labels }, type: item.type, data: item.data },
      });
    }
    const second = await startSecrets(newHome, apps);
    try {
      expect(await (await fetch(`${second.http}/v1/cert.pem`)).text()).toBe(certPem); // no new key was needed
      await applySealed(ss);
      await eventually(async () => expect(value(await readSecret(apps, 'survivor'), 'pw')).toBe('still-here'));
      // And kubeseal's offline recovery reads the same backup.
      writeFileSync(join(dir, 'backup.yaml'), formatObject({ apiVersion: 'v1', kind: 'List', items: backup.items }, OutputFormat.Yaml));
      const recovered = JSON.parse(await kubesealRun(['--recovery-unseal', '--recovery-private-key', join(dir, 'backup.yaml')], JSON.stringify(ss))) as Secret;
      expect(Buffer.from(recovered.data!.pw, 'base64').toString()).toBe('still-here');
    } finally {
      await second.stop();
    }
  }, 120_000);
});
