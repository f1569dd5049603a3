import { KEY_LABEL, keySecretManifest, privateKeysFromBackup, sealingKeyFromSecret } from './key-secret';
import { generateSealingKey, privateKeyPem } from './keys';
import { formatObject, OutputFormat } from './manifest';

describe('key Secrets', () => {
  it('stores a key as a labelled kubernetes.io/tls Secret and reads it back, as a Secret, a List or a PEM', async () => {
    const key = await generateSealingKey({ bits: 2048 });
    const secret = keySecretManifest(key, { namespace: 'argocd' });
    expect(secret).toMatchObject({
      type: 'kubernetes.io/tls',
      metadata: { generateName: 'sealed-secrets-key', namespace: 'argocd', labels: { [KEY_LABEL]: 'active' } },
    });
    expect(sealingKeyFromSecret(secret).fingerprint).toBe(key.fingerprint);
    const list = formatObject({ apiVersion: 'v1', kind: 'List', items: [secret, secret] }, OutputFormat.Yaml);
    expect(privateKeysFromBackup(list)).toHaveLength(2);
    expect(privateKeysFromBackup(JSON.stringify(secret))).toHaveLength(1);
    expect(privateKeysFromBackup(privateKeyPem(key.privateKey))[0].equals(key.privateKey)).toBe(true);
  });

  it('names a broken key Secret without quoting it', () => {
    expect(() => sealingKeyFromSecret({ metadata: { name: 'k' }, data: { 'tls.key': 'c2VjcmV0', 'tls.crt': 'c2VjcmV0' } })).toThrow(
      /^failed to read key Secret k: /,
    );
    expect(() => sealingKeyFromSecret({ metadata: { name: 'k' }, data: {} })).toThrow('key Secret k lacks tls.key or tls.crt');
  });
});
