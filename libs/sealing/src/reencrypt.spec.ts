import { generateKeyPairSync } from 'node:crypto';
import { redactSecret, reencryptSealedSecret, verifySealedSecret } from './reencrypt';
import { sealSecret } from './seal';
import { unsealSecret } from './unseal';

const oldKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const newKey = generateKeyPairSync('rsa', { modulusLength: 2048 });
const secret = { metadata: { name: 'a', namespace: 'b' }, stringData: { pw: 'hunter2' } };

describe('re-encrypt and verify', () => {
  it('re-encrypts with the new key, keeping templates', () => {
    const ss = sealSecret(secret, oldKey.publicKey);
    ss.spec.template!.data = { t: 'x{{ .pw }}' };
    const rotated = reencryptSealedSecret(ss, [oldKey.privateKey], newKey.publicKey);
    expect(rotated.spec.template!.data).toEqual({ t: 'x{{ .pw }}' });
    const out = unsealSecret(rotated, [newKey.privateKey]);
    expect(Buffer.from(out.data!.t, 'base64').toString()).toBe('xhunter2');
    expect(() => reencryptSealedSecret(ss, [newKey.privateKey], newKey.publicKey)).toThrow('no key could decrypt secret (pw)');
  });

  it('verifies without returning values', () => {
    const ss = sealSecret(secret, oldKey.publicKey);
    expect(verifySealedSecret(ss, [oldKey.privateKey])).toEqual({ valid: true, message: '' });
    expect(verifySealedSecret(ss, [newKey.privateKey])).toEqual({ valid: false, message: 'no key could decrypt secret (pw)', reason: 'DecryptFailed' });
  });

  it('redacts Secret values for logs', () => {
    expect(redactSecret({ data: { a: 'c2VjcmV0' }, stringData: { b: 'secret' } })).toEqual({ data: { a: '[redacted]' }, stringData: { b: '[redacted]' } });
  });
});
