import { generateKeyPairSync } from 'node:crypto';
import { SealingErrorReason } from './errors';
import { SealedSecretsAnnotation, SealingScope } from './scope';
import { reencryptSealedSecret } from './reencrypt';
import { mergeSealedSecrets, sealRawValue, sealSecret } from './seal';
import type { SealedSecret, Secret } from './types';
import { unsealSecret } from './unseal';

const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const other = generateKeyPairSync('rsa', { modulusLength: 2048 });
const b64 = (s: string) => Buffer.from(s).toString('base64');
const text = (secret: Secret, key: string) => Buffer.from(secret.data![key], 'base64').toString();

const input = (): Secret => ({
  apiVersion: 'v1',
  kind: 'Secret',
  metadata: {
    name: 'db-pass',
    namespace: 'payments',
    labels: { app: 'db' },
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{"data":{"password":"leak"}}', keep: 'me' },
    uid: 'abc',
    resourceVersion: '12',
    creationTimestamp: null,
    ownerReferences: [{ apiVersion: 'v1', kind: 'X', name: 'x', uid: 'u' }],
  },
  type: 'Opaque',
  data: { password: b64('hunter2') },
  stringData: { user: 'admin' },
});

const moved = (ss: SealedSecret, meta: { name?: string; namespace?: string }): SealedSecret => ({
  ...ss,
  metadata: { ...ss.metadata, ...meta },
});

describe('seal and unseal', () => {
  it('seals every item and unseals to the same Secret with an ownerReference', () => {
    const ss = sealSecret(input(), publicKey);
    expect(ss.apiVersion).toBe('bitnami.com/v1alpha1');
    expect(ss.metadata).toEqual({ name: 'db-pass', namespace: 'payments' });
    expect(Object.keys(ss.spec.encryptedData!).sort()).toEqual(['password', 'user']);
    const tmpl = ss.spec.template!.metadata!;
    expect(tmpl.annotations).toEqual({ keep: 'me' });
    expect(tmpl.uid).toBeUndefined();
    expect(tmpl.ownerReferences).toBeUndefined();
    expect(JSON.stringify(ss)).not.toContain('hunter2');
    const secret = unsealSecret({ ...ss, metadata: { ...ss.metadata, uid: 'ss-uid' } }, [other.privateKey, privateKey]);
    expect(text(secret, 'password')).toBe('hunter2');
    expect(text(secret, 'user')).toBe('admin');
    expect(secret.type).toBe('Opaque');
    expect(secret.metadata).toMatchObject({ name: 'db-pass', namespace: 'payments', labels: { app: 'db' } });
    expect(secret.metadata!.ownerReferences).toEqual([
      { apiVersion: 'bitnami.com/v1alpha1', kind: 'SealedSecret', name: 'db-pass', uid: 'ss-uid', controller: true },
    ]);
  });

  it.each([
    [SealingScope.Strict, { name: 'renamed' }, false],
    [SealingScope.Strict, { namespace: 'elsewhere' }, false],
    [SealingScope.NamespaceWide, { name: 'renamed' }, true],
    [SealingScope.NamespaceWide, { namespace: 'elsewhere' }, false],
    [SealingScope.ClusterWide, { name: 'renamed', namespace: 'elsewhere' }, true],
  ])('in scope %s, moving to %j unseals: %s', (scope, to, ok) => {
    const ss = moved(sealSecret(input(), publicKey, { scope }), to);
    if (ok) expect(text(unsealSecret(ss, [privateKey]), 'password')).toBe('hunter2');
    else expect(() => unsealSecret(ss, [privateKey])).toThrow('no key could decrypt secret (password, user)');
  });

  it('records the scope in annotations, top level and template', () => {
    const ss = sealSecret(input(), publicKey, { scope: SealingScope.ClusterWide });
    expect(ss.metadata!.annotations).toEqual({ [SealedSecretsAnnotation.ClusterWide]: 'true' });
    expect(ss.spec.template!.metadata!.annotations![SealedSecretsAnnotation.ClusterWide]).toBe('true');
    const noNs = { ...input(), metadata: { name: 'x', annotations: { [SealedSecretsAnnotation.ClusterWide]: 'true' } } };
    expect(sealSecret(noNs, publicKey).metadata!.namespace).toBeUndefined();
  });

  it('leaves out empty labels, annotations and namespace, as Go does (found by the sealing fuzzer)', () => {
    const bare = { ...input(), metadata: { name: 'db-pass', namespace: '', labels: {}, annotations: {}, finalizers: [] } };
    const ss = sealSecret(bare, publicKey, { scope: SealingScope.ClusterWide });
    expect(ss.spec.template!.metadata).toEqual({ name: 'db-pass', annotations: { [SealedSecretsAnnotation.ClusterWide]: 'true' } });
    const strict = sealSecret({ ...input(), metadata: { name: 'db-pass', namespace: 'payments', labels: {}, annotations: {} } }, publicKey);
    expect(strict.spec.template!.metadata).toEqual({ name: 'db-pass', namespace: 'payments' });
    expect(unsealSecret(strict, [privateKey]).metadata).not.toHaveProperty('labels');
  });

  it('reads scalars bound for strings as kubeseal does: yes is "true", 1.5e-7 is "1.5e-07", null is empty (found by the sealing fuzzer)', () => {
    const odd = {
      metadata: { name: true, namespace: 1234 },
      stringData: { port: 5432, on: true, pin: 12345678, small: 1.5e-7, none: null },
      data: { nil: null },
    };
    const ss = sealSecret(odd as unknown as Secret, publicKey);
    expect(ss.metadata).toEqual({ name: 'true', namespace: '1234' });
    const secret = unsealSecret(ss, [privateKey]);
    expect(Object.fromEntries(Object.keys(secret.data!).map((k) => [k, text(secret, k)]))).toEqual({
      port: '5432',
      on: 'true',
      pin: '12345678',
      small: '1.5e-07',
      none: '',
      nil: '',
    });
    expect(() => sealSecret({ metadata: { name: 'a', namespace: 'b' }, data: { n: 5 } } as unknown as Secret, publicKey)).toThrow(
      'data.n: expected a base64 string',
    );
    expect(() => sealSecret({ metadata: { name: 'a', namespace: 'b' }, stringData: { l: [1] } } as unknown as Secret, publicKey)).toThrow(
      'stringData.l: expected a string',
    );
  });

  it('keeps an item named __proto__ through seal, unseal and re-encrypt (found by the sealing fuzzer)', () => {
    const odd = JSON.parse('{"metadata":{"name":"a","namespace":"b"},"stringData":{"__proto__":"x","constructor":"y"}}') as Secret;
    const ss = sealSecret(odd, publicKey);
    expect(Object.keys(ss.spec.encryptedData!)).toEqual(['__proto__', 'constructor']);
    const again = reencryptSealedSecret(ss, [privateKey], publicKey);
    const secret = unsealSecret(again, [privateKey]);
    expect(Object.keys(secret.data!)).toEqual(['__proto__', 'constructor']);
    expect(text(secret, '__proto__')).toBe('x');
  });

  it('applies kubeseal input rules: name, namespace, empty data', () => {
    const noNs = { ...input(), metadata: { name: 'db-pass' } };
    expect(() => sealSecret(noNs, publicKey)).toThrow('secret must declare a namespace');
    expect(sealSecret(noNs, publicKey, { namespace: 'ns1' }).metadata!.namespace).toBe('ns1');
    expect(() => sealSecret(input(), publicKey, { namespace: 'other' })).toThrow('namespace mismatch');
    expect(() => sealSecret({ ...input(), metadata: { namespace: 'a' } }, publicKey)).toThrow('missing metadata.name');
    expect(() => sealSecret({ metadata: { name: 'a', namespace: 'b' } }, publicKey)).toThrow('secret.data is empty');
    expect(sealSecret({ metadata: { name: 'a', namespace: 'b' } }, publicKey, { allowEmptyData: true }).spec.encryptedData).toEqual({});
  });

  it('renders template data with Sprig against the decrypted values', () => {
    const ss = sealSecret(input(), publicKey);
    ss.spec.template!.data = {
      'config.yaml': 'user: {{ .user }}\npassword: {{ index . "password" | upper }}\n',
      json: '{{ toJson .password }}',
      missing: '[{{ index . "nope" }}]',
    };
    const secret = unsealSecret(ss, [privateKey]);
    expect(text(secret, 'config.yaml')).toBe('user: admin\npassword: HUNTER2\n');
    expect(text(secret, 'json')).toBe('"hunter2"');
    expect(text(secret, 'missing')).toBe('[]');
    expect(text(secret, 'password')).toBe('hunter2');
  });

  it('runs templates with no encrypted data, and has no env', () => {
    const ss: SealedSecret = { metadata: { name: 'a', namespace: 'b' }, spec: { encryptedData: {}, template: { data: { k: 'v{{ "x" }}' } } } };
    expect(text(unsealSecret(ss, [privateKey]), 'k')).toBe('vx');
    ss.spec.template!.data = { k: '{{ env "HOME" }}' };
    expect(() => unsealSecret(ss, [privateKey])).toThrow(/function "env" not defined/);
  });

  it('never puts decrypted values in template errors', () => {
    const ss = sealSecret(input(), publicKey);
    ss.spec.template!.data = { n: '{{ atoi .password | add 1 }}', f: '{{ fail .password }}' };
    try {
      unsealSecret(ss, [privateKey]);
      throw new Error('expected a failure');
    } catch (err) {
      expect((err as Error).message).not.toContain('hunter2');
      expect((err as { reason: string }).reason).toBe(SealingErrorReason.TemplateFailed);
    }
  });

  it('skips the ownerReference when the template says so', () => {
    const ss = sealSecret(input(), publicKey);
    ss.spec.template!.metadata!.annotations![SealedSecretsAnnotation.SkipSetOwnerReferences] = 'true';
    expect(unsealSecret(ss, [privateKey]).metadata!.ownerReferences).toBeUndefined();
  });

  it('refuses malformed base64 and tampering per item, and returns no partial Secret', () => {
    const ss = sealSecret(input(), publicKey);
    ss.spec.encryptedData!.user = ss.spec.encryptedData!.user.replace(/\+/g, '-').replace(/=+$/, '');
    expect(() => unsealSecret(ss, [privateKey])).toThrow(/illegal base64 data at input byte \d+ \(user\)/);
    const tampered = sealSecret(input(), publicKey);
    const bytes = Buffer.from(tampered.spec.encryptedData!.password, 'base64');
    bytes[bytes.length - 1] ^= 1;
    tampered.spec.encryptedData!.password = bytes.toString('base64');
    expect(() => unsealSecret(tampered, [privateKey])).toThrow(/^no key could decrypt secret \(password\)$/);
  });

  it('refuses the deprecated data field unless accepted', () => {
    const ss: SealedSecret = { metadata: { name: 'a', namespace: 'b' }, spec: { data: 'AAAA' } };
    expect(() => unsealSecret(ss, [privateKey])).toThrow("using deprecated 'data' field");
  });

  it('seals raw values with kubeseal --raw rules', () => {
    const raw = sealRawValue(Buffer.from('v'), publicKey, { scope: SealingScope.Strict, namespace: 'ns', name: 'n' });
    const ss: SealedSecret = { metadata: { name: 'n', namespace: 'ns' }, spec: { encryptedData: { k: raw } } };
    expect(text(unsealSecret(ss, [privateKey]), 'k')).toBe('v');
    expect(() => sealRawValue(Buffer.from('v'), publicKey, { scope: SealingScope.Strict, namespace: 'ns' })).toThrow(
      'must provide the --name flag with --raw and --scope strict',
    );
    expect(() => sealRawValue(Buffer.from('v'), publicKey, { scope: SealingScope.NamespaceWide })).toThrow(
      'must provide the --namespace flag with --raw and --scope namespace-wide',
    );
  });

  it('merges a new seal into an existing SealedSecret', () => {
    const original = sealSecret(input(), publicKey);
    original.spec.template!.data = { t: 'x' };
    const update = sealSecret({ metadata: { name: 'db-pass', namespace: 'payments', labels: { tier: 'a' } }, stringData: { token: 't0k' } }, publicKey);
    const merged = mergeSealedSecrets(original, update);
    expect(Object.keys(merged.spec.encryptedData!).sort()).toEqual(['password', 'token', 'user']);
    expect(merged.spec.template!.metadata!.labels).toEqual({ app: 'db', tier: 'a' });
    expect(merged.spec.template!.data).toEqual({ t: 'x' });
    expect(text(unsealSecret(merged, [privateKey]), 'token')).toBe('t0k');
  });
});
