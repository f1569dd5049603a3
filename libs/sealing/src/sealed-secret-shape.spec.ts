import { generateSealingKey, type SealingKey } from './keys';
import { SealingErrorReason } from './errors';
import { reencryptSealedSecret, verifySealedSecret } from './reencrypt';
import { checkSealedSecretShape } from './sealed-secret-shape';
import type { SealedSecret } from './types';
import { unsealSecret } from './unseal';

let key: SealingKey;
beforeAll(async () => {
  key = await generateSealingKey({ bits: 2048 });
});

const sealed = (encryptedData: unknown): SealedSecret => ({
  apiVersion: 'bitnami.com/v1alpha1',
  kind: 'SealedSecret',
  metadata: { name: 'a', namespace: 'b' },
  spec: { encryptedData } as never,
});

describe('a SealedSecret with a bad value', () => {
  it.each(['not base64!!', 'abc', 'Zm9v-_=='])('reports malformed base64 %p as InvalidBase64 naming spec.encryptedData.<key>', (value) => {
    const result = verifySealedSecret(sealed({ password: value }), [key.privateKey]);
    expect(result).toMatchObject({ valid: false, reason: SealingErrorReason.InvalidBase64 });
    expect(result.message).toMatch(/^invalid base64 in field spec\.encryptedData\.password: illegal base64 data at input byte \d+/);
    expect(() => reencryptSealedSecret(sealed({ password: value }), [key.privateKey], key.publicKey)).toThrow(
      /invalid base64 in field spec\.encryptedData\.password/,
    );
  });

  it.each([[1234], [null], [true], [{ a: 1 }]])('refuses a non-string value %p as InvalidInput, not a too-short ciphertext', (value) => {
    expect(() => unsealSecret(sealed({ password: value }), [key.privateKey])).toThrow(/field spec\.encryptedData\.password must be a base64 string/);
    expect(verifySealedSecret(sealed({ password: value }), [key.privateKey]).reason).toBe(SealingErrorReason.InvalidInput);
  });

  it('names the field of a wrongly typed spec, encryptedData, metadata or template', () => {
    expect(() => checkSealedSecretShape({ spec: 'x' })).toThrow('field spec must be an object, not a string');
    expect(() => checkSealedSecretShape({ spec: { encryptedData: ['x'] } })).toThrow(
      'field spec.encryptedData must be an object of base64 strings, not a list',
    );
    expect(() => checkSealedSecretShape({ metadata: { name: 7 }, spec: {} })).toThrow('field metadata.name must be a string, not a number');
    expect(() => checkSealedSecretShape({ spec: { template: { data: { k: 1 } } } })).toThrow('field spec.template.data.k must be a string, not a number');
    expect(() => checkSealedSecretShape([])).toThrow('must be an object');
  });
});
