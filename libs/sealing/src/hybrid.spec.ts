import { createCipheriv, generateKeyPairSync } from 'node:crypto';
import { SealingErrorReason } from './errors';
import { hybridDecrypt, hybridEncrypt, NO_KEY_COULD_DECRYPT } from './hybrid';

const rsa = (bits: number) => generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 65537 });

describe('hybrid encryption', () => {
  const k2048 = rsa(2048);
  const other = rsa(2048);
  const label = Buffer.from('ns/name');

  it('lays bytes out as len16 || RSA-OAEP || AES-GCM ciphertext || tag', () => {
    const ct = hybridEncrypt(k2048.publicKey, Buffer.from('hello'), label);
    expect(ct.readUInt16BE(0)).toBe(256);
    expect(ct.length).toBe(2 + 256 + 5 + 16);
    expect(ct.toString('base64').startsWith('AQ')).toBe(true);
  });

  it('round-trips and tries every key', () => {
    const ct = hybridEncrypt(k2048.publicKey, Buffer.from('s3cr3t'), label);
    expect(hybridDecrypt([other.privateKey, k2048.privateKey], ct, label).toString()).toBe('s3cr3t');
  });

  it('round-trips an empty value and an empty (cluster-wide) label', () => {
    const ct = hybridEncrypt(k2048.publicKey, Buffer.alloc(0), Buffer.alloc(0));
    expect(hybridDecrypt([k2048.privateKey], ct, Buffer.alloc(0)).length).toBe(0);
  });

  it('refuses a wrong label, a wrong key and a tampered byte with the upstream message', () => {
    const ct = hybridEncrypt(k2048.publicKey, Buffer.from('s3cr3t'), label);
    expect(() => hybridDecrypt([k2048.privateKey], ct, Buffer.from('ns/other'))).toThrow(NO_KEY_COULD_DECRYPT);
    expect(() => hybridDecrypt([other.privateKey], ct, label)).toThrow(NO_KEY_COULD_DECRYPT);
    for (const at of [1, 10, ct.length - 20, ct.length - 1]) {
      const bad = Buffer.from(ct);
      bad[at] ^= 0x01;
      expect(() => hybridDecrypt([k2048.privateKey], bad, label)).toThrow(NO_KEY_COULD_DECRYPT);
    }
  });

  it('reports a truncated value as too short', () => {
    const ct = hybridEncrypt(k2048.publicKey, Buffer.from('x'), label);
    for (const cut of [0, 1, 100]) {
      try {
        hybridDecrypt([k2048.privateKey], ct.subarray(0, cut), label);
        throw new Error('expected a failure');
      } catch (err) {
        expect((err as { reason: string }).reason).toBe(SealingErrorReason.CiphertextTooShort);
      }
    }
  });

  it('matches the AES-256-GCM zero-nonce definition (NIST GCM test case 14)', () => {
    // With a fixed session key the AES part is deterministic: check it against an independent computation.
    const key = Buffer.alloc(32);
    const c = createCipheriv('aes-256-gcm', key, Buffer.alloc(12));
    const body = Buffer.concat([c.update(Buffer.alloc(16)), c.final(), c.getAuthTag()]);
    expect(body.toString('hex')).toBe('cea7403d4d606b6e074ec5d3baf39d18d0d1c8a799996bf0265b98b5d48ab919');
  });
});
