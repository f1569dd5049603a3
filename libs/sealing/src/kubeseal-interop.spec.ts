/**
 * Interop with the real kubeseal v0.36.6 (built by tools/test-cluster from the Go module proxy): kubeseal seals with
 * Fjord's certificate and Fjord unseals; Fjord seals and kubeseal's offline `--recovery-unseal` (the very Unseal code
 * of upstream's controller, templates included) decrypts. No cluster is needed.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBinaries } from '@fjord/test-cluster';
import { keySecretManifest } from './key-secret';
import { generateSealingKey, privateKeyPem, type SealingKey } from './keys';
import { formatObject, OutputFormat, parseSingleObject } from './manifest';
import { SEALING_SCOPES, SealingScope } from './scope';
import { sealSecret } from './seal';
import type { SealedSecret, Secret } from './types';
import { unsealSecret } from './unseal';

let kubeseal: string;
let key: SealingKey;
let dir: string;

beforeAll(async () => {
  kubeseal = (await ensureBinaries()).kubeseal;
  key = await generateSealingKey();
  dir = mkdtempSync(join(tmpdir(), 'fjord-kubeseal-'));
  writeFileSync(join(dir, 'cert.pem'), key.certificatePem);
  writeFileSync(join(dir, 'key.pem'), privateKeyPem(key.privateKey));
  writeFileSync(join(dir, 'kubeconfig'), 'apiVersion: v1\nkind: Config\nclusters: []\ncontexts: []\nusers: []\n');
}, 30 * 60_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], stdin: string): string {
  const res = spawnSync(kubeseal, [...args, '--kubeconfig', join(dir, 'kubeconfig')], { input: stdin, encoding: 'utf8' });
  if (res.status !== 0) throw new Error(`kubeseal ${args.join(' ')} failed: ${res.stderr}`);
  return res.stdout;
}

const b64 = (s: string) => Buffer.from(s).toString('base64');
const decoded = (s: Secret) => Object.fromEntries(Object.entries(s.data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString()]));
const secret: Secret = {
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: { name: 'db-pass', namespace: 'payments', labels: { app: 'db' } },
  type: 'Opaque',
  data: { password: b64('s3cr3t-ünïcode'), binary: Buffer.from([0, 255, 1, 254]).toString('base64') },
  stringData: { user: 'admin' },
};
const expected = { password: 's3cr3t-ünïcode', binary: Buffer.from([0, 255, 1, 254]).toString(), user: 'admin' };

describe('kubeseal seals, Fjord unseals', () => {
  it.each(SEALING_SCOPES)('scope %s, YAML output', (scope) => {
    const out = run(['--cert', join(dir, 'cert.pem'), '--format', 'yaml', '--scope', scope], formatObject(secret, OutputFormat.Yaml));
    const ss = parseSingleObject<SealedSecret>(out, 'SealedSecret');
    expect(Object.values(ss.spec.encryptedData!).every((v) => v.startsWith('Ag'))).toBe(true);
    const unsealed = unsealSecret(ss, [key.privateKey]);
    expect(decoded(unsealed)).toEqual(expected);
    expect(unsealed.metadata!.labels).toEqual(expect.objectContaining({ app: 'db' }));
  });

  it('strict: a renamed or moved SealedSecret is refused', () => {
    const ss = parseSingleObject<SealedSecret>(run(['--cert', join(dir, 'cert.pem')], JSON.stringify(secret)), 'SealedSecret');
    expect(() => unsealSecret({ ...ss, metadata: { ...ss.metadata, name: 'other' } }, [key.privateKey])).toThrow('no key could decrypt secret');
    expect(() => unsealSecret({ ...ss, metadata: { ...ss.metadata, namespace: 'other' } }, [key.privateKey])).toThrow('no key could decrypt secret');
  });

  it.each([
    [SealingScope.Strict, ['--namespace', 'payments', '--name', 'db-pass']],
    [SealingScope.NamespaceWide, ['--namespace', 'payments']],
    [SealingScope.ClusterWide, []],
  ])('--raw in scope %s', (scope, extra) => {
    writeFileSync(join(dir, 'raw.txt'), 'raw-value');
    const value = run(['--cert', join(dir, 'cert.pem'), '--raw', '--scope', scope, '--from-file', join(dir, 'raw.txt'), ...extra], '');
    const annotations = scope === SealingScope.Strict ? undefined : { [`sealedsecrets.bitnami.com/${scope}`]: 'true' };
    const ss: SealedSecret = { metadata: { name: 'db-pass', namespace: 'payments', annotations }, spec: { encryptedData: { v: value } } };
    expect(decoded(unsealSecret(ss, [key.privateKey]))).toEqual({ v: 'raw-value' });
  });
});

describe('Fjord seals, kubeseal --recovery-unseal decrypts', () => {
  const recover = (ss: SealedSecret, keyFile = join(dir, 'key.pem')) =>
    JSON.parse(run(['--recovery-unseal', '--recovery-private-key', keyFile, '-o', 'json'], JSON.stringify(ss))) as Secret;

  it.each(SEALING_SCOPES)('scope %s', (scope) => {
    const ss = sealSecret(secret, key.publicKey, { scope });
    expect(decoded(recover(ss))).toEqual(expected);
  });

  it('templates render the same in Go and in Fjord', () => {
    const ss = sealSecret(secret, key.publicKey);
    ss.spec.template!.data = {
      'config.yaml': 'user: {{ .user }}\npass: {{ index . "password" | b64enc }}\n',
      json: '{{ toJson .password }}',
      funcs: '{{ .user | upper | repeat 2 }}-{{ list 1 2 3 | join "," }}-{{ "a,b" | splitList "," | last }}-{{ sha256sum .user }}',
      missing: '[{{ .nope }}][{{ index . "nope" }}]',
    };
    expect(decoded(recover(ss))).toEqual(decoded(unsealSecret(ss, [key.privateKey])));
  });

  it('strict: a renamed SealedSecret is refused by kubeseal too', () => {
    const ss = sealSecret(secret, key.publicKey);
    expect(() => recover({ ...ss, metadata: { ...ss.metadata, name: 'renamed' } })).toThrow(/no key could decrypt secret/);
  });

  it('kubeseal reads the key Secret Fjord stores (a key backup)', () => {
    const keySecret = keySecretManifest(key, { namespace: 'argocd' });
    keySecret.metadata!.name = 'sealed-secrets-keyabcde';
    const file = join(dir, 'backup.yaml');
    writeFileSync(file, formatObject({ apiVersion: 'v1', kind: 'List', items: [keySecret] }, OutputFormat.Yaml));
    expect(decoded(recover(sealSecret(secret, key.publicKey), file))).toEqual(expected);
  });
});
