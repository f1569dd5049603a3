/**
 * `fjord seal` against the real kubeseal v0.36.6: its output is decrypted by `kubeseal --recovery-unseal`, it
 * decrypts kubeseal's output with --recovery-unseal, and the two merge into each other's files.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateSealingKey, privateKeyPem, type SealedSecret, type SealingKey, type Secret } from '@fjord/sealing';
import { ensureBinaries } from '@fjord/test-cluster';
import { parse } from 'yaml';
import { buildProgram } from '../program';
import { runSeal, type SealFlags, type SealIo } from './seal';

const bin = join(__dirname, '../../bin/fjord.js');
let kubeseal: string;
let key: SealingKey;
let dir: string;
const file = (name: string) => join(dir, name);

beforeAll(async () => {
  kubeseal = (await ensureBinaries()).kubeseal;
  key = await generateSealingKey({ bits: 2048 });
  dir = mkdtempSync(join(tmpdir(), 'fjord-seal-cli-'));
  writeFileSync(file('cert.pem'), key.certificatePem);
  writeFileSync(file('key.pem'), privateKeyPem(key.privateKey));
  writeFileSync(file('kubeconfig'), 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
}, 30 * 60_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const secretYaml = (values: Record<string, string>, ns = 'payments') =>
  `apiVersion: v1\nkind: Secret\nmetadata:\n  name: db-pass\n${ns ? `  namespace: ${ns}\n` : ''}data:\n${Object.entries(values)
    .map(([k, v]) => `  ${k}: ${Buffer.from(v).toString('base64')}\n`)
    .join('')}`;

function kubesealRun(args: string[], stdin: string): string {
  const res = spawnSync(kubeseal, [...args, '--kubeconfig', file('kubeconfig')], { input: stdin, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`kubeseal failed: ${res.stderr}`);
  return res.stdout;
}

function fjord(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [bin, 'seal', ...args], { env: { ...process.env, KUBECONFIG: file('kubeconfig') } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin);
  });
}

const decoded = (s: Secret) => Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));

function memoryIo(stdin: string, files: Record<string, string> = {}): SealIo & { out: string; files: Record<string, string> } {
  const io = {
    out: '',
    files,
    stdin: async () => stdin,
    stdout: (t: string) => void (io.out += t),
    readFile: async (p: string) => files[p] ?? readFileSync(p, 'utf8'),
    writeFile: async (p: string, t: string) => void (files[p] = t),
    fetch: async () => ({ status: 404, text: async () => '' }),
    contextNamespace: async () => 'from-context',
    now: () => new Date(),
  };
  return io;
}
const flags = (f: Partial<SealFlags>): SealFlags => ({ controllerUrl: 'http://127.0.0.1:1', scope: 'strict', cert: file('cert.pem'), ...f });

describe('fjord seal', () => {
  it.each(['strict', 'namespace-wide', 'cluster-wide'])('output in scope %s is unsealed by kubeseal --recovery-unseal', async (scope) => {
    const run = await fjord(['--cert', file('cert.pem'), '--format=yaml', '--scope', scope], secretYaml({ password: 'hunter2' }));
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout.startsWith('---\n')).toBe(true);
    const recovered = JSON.parse(kubesealRun(['--recovery-unseal', '--recovery-private-key', file('key.pem')], run.stdout)) as Secret;
    expect(decoded(recovered)).toEqual({ password: 'hunter2' });
  });

  it('unseals kubeseal output offline with --recovery-unseal, reading a key file', async () => {
    const sealed = kubesealRun(['--cert', file('cert.pem')], secretYaml({ a: '1' }));
    const run = await fjord(['--recovery-unseal', '--recovery-private-key', file('key.pem'), '-o', 'json'], sealed);
    expect(decoded(JSON.parse(run.stdout) as Secret)).toEqual({ a: '1' });
  });

  it('merges into a kubeseal-made file and kubeseal merges into a fjord-made one', async () => {
    writeFileSync(file('by-kubeseal.yaml'), kubesealRun(['--cert', file('cert.pem'), '-o', 'yaml'], secretYaml({ a: '1' })));
    await fjord(['--cert', file('cert.pem'), '--merge-into', file('by-kubeseal.yaml'), '-o', 'yaml'], secretYaml({ b: '2' }, ''));
    writeFileSync(file('by-fjord.yaml'), (await fjord(['--cert', file('cert.pem'), '-o', 'yaml'], secretYaml({ c: '3' }))).stdout);
    kubesealRun(['--cert', file('cert.pem'), '--merge-into', file('by-fjord.yaml'), '-o', 'yaml'], secretYaml({ d: '4' }, ''));
    const unseal = (f: string) =>
      decoded(JSON.parse(kubesealRun(['--recovery-unseal', '--recovery-private-key', file('key.pem')], readFileSync(f, 'utf8'))) as Secret);
    expect(unseal(file('by-kubeseal.yaml'))).toEqual({ a: '1', b: '2' });
    expect(unseal(file('by-fjord.yaml'))).toEqual({ c: '3', d: '4' });
  });

  it('seals raw values as kubeseal does, with its error messages', async () => {
    const io = memoryIo('the-value');
    await runSeal(flags({ raw: true, namespace: 'ns', name: 'n' }), io);
    const ss: SealedSecret = { metadata: { name: 'n', namespace: 'ns' }, spec: { encryptedData: { k: io.out } } };
    const recovered = JSON.parse(kubesealRun(['--recovery-unseal', '--recovery-private-key', file('key.pem')], JSON.stringify(ss))) as Secret;
    expect(decoded(recovered)).toEqual({ k: 'the-value' });
    await expect(runSeal(flags({ raw: true, namespace: 'ns' }), memoryIo('v'))).rejects.toThrow('must provide the --name flag with --raw and --scope strict');
    await expect(runSeal(flags({ fromFile: ['x'] }), memoryIo('v'))).rejects.toThrow('--from-file requires --raw');
  });

  it('takes the namespace from the kubeconfig context when neither input nor flag has one, and refuses a mismatch', async () => {
    const io = memoryIo(secretYaml({ a: '1' }, ''));
    await runSeal(flags({}), io);
    expect((JSON.parse(io.out) as SealedSecret).metadata!.namespace).toBe('from-context');
    await expect(runSeal(flags({ namespace: 'other' }), memoryIo(secretYaml({ a: '1' })))).rejects.toThrow('namespace mismatch');
  });

  it('refuses an expired certificate', async () => {
    const old = await generateSealingKey({ bits: 2048, ttlMs: 1000, now: new Date('2020-01-01T00:00:00Z') });
    const io = memoryIo(secretYaml({ a: '1' }), { 'old.pem': old.certificatePem });
    await expect(runSeal(flags({ cert: 'old.pem' }), io)).rejects.toThrow('failed to encrypt using an expired certificate');
  });

  it('is registered on the program with kubeseal flags', () => {
    const seal = buildProgram(() => undefined).commands.find((c) => c.name() === 'seal')!;
    const names = seal.options.map((o) => o.long);
    for (const f of [
      '--cert',
      '--format',
      '--scope',
      '--name',
      '--namespace',
      '--raw',
      '--from-file',
      '--merge-into',
      '--validate',
      '--re-encrypt',
      '--recovery-unseal',
      '--recovery-private-key',
    ]) {
      expect(names).toContain(f);
    }
  });

  it('prints YAML that parses as a SealedSecret', async () => {
    const io = memoryIo(secretYaml({ a: '1' }));
    await runSeal(flags({ format: 'yaml' }), io);
    expect((parse(io.out.replace(/^---\n/, '')) as SealedSecret).kind).toBe('SealedSecret');
  });
});
