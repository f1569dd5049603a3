import { X509Certificate } from 'node:crypto';
import { assertNotExpired, parseCertificate } from './certificate';
import { generateSealingKey, keyFingerprint, parsePrivateKey, privateKeyPem, sealingKeyFromPem } from './keys';

describe('sealing keys and certificates', () => {
  it('generates an RSA-4096 key with a self-signed certificate shaped as upstream issues it', async () => {
    const now = new Date('2026-11-29T10:00:00.123Z');
    const key = await generateSealingKey({ now });
    expect(key.privateKey.asymmetricKeyDetails).toMatchObject({ modulusLength: 4096, publicExponent: 65537n });
    const cert = new X509Certificate(key.certificatePem);
    expect(cert.subject ?? '').toBe('');
    expect(cert.issuer ?? '').toBe('');
    // CA:TRUE is present, but OpenSSL reports ca=false because key usage is "encipher only" (as upstream's is).
    expect(cert.toString()).toMatch(/^-----BEGIN CERTIFICATE-----/);
    expect(cert.verify(key.publicKey)).toBe(true);
    expect(cert.publicKey.equals(key.publicKey)).toBe(true);
    expect(new Date(cert.validFrom).toISOString()).toBe('2026-11-29T10:00:00.000Z');
    expect(new Date(cert.validTo).getUTCFullYear()).toBe(2036);
    expect(BigInt(`0x${cert.serialNumber}`) > 0n).toBe(true);
    expect(key.notAfter.getTime() - key.notBefore.getTime()).toBe(87_600 * 3600 * 1000);
  }, 60_000);

  it('puts a common name in subject and issuer when asked, and GeneralizedTime after 2049', async () => {
    const key = await generateSealingKey({ bits: 2048, commonName: 'fjord sealing', now: new Date('2045-01-01T00:00:00Z') });
    const cert = new X509Certificate(key.certificatePem);
    expect(cert.subject).toBe('CN=fjord sealing');
    expect(new Date(cert.validTo).toISOString()).toBe('2054-12-30T00:00:00.000Z');
  });

  it('reloads a stored key, in PKCS#1 or PKCS#8, and refuses a certificate of another key', async () => {
    const a = await generateSealingKey({ bits: 2048 });
    const b = await generateSealingKey({ bits: 2048 });
    const pkcs1 = privateKeyPem(a.privateKey);
    expect(pkcs1).toContain('BEGIN RSA PRIVATE KEY');
    expect(sealingKeyFromPem(pkcs1, a.certificatePem).fingerprint).toBe(a.fingerprint);
    const pkcs8 = a.privateKey.export({ type: 'pkcs8', format: 'pem' }).toString();
    expect(sealingKeyFromPem(pkcs8, a.certificatePem).fingerprint).toBe(a.fingerprint);
    expect(() => sealingKeyFromPem(pkcs1, b.certificatePem)).toThrow('does not match');
  });

  it('never quotes a bad private key in the error', () => {
    const garbage = '-----BEGIN RSA PRIVATE KEY-----\nSUPERSECRETSTUFF\n-----END RSA PRIVATE KEY-----\n';
    expect(() => parsePrivateKey(garbage)).toThrow(/^failed to parse the private key: not a PEM private key$/);
  });

  it('fingerprints keys as SSH SHA256 fingerprints', async () => {
    const key = await generateSealingKey({ bits: 2048 });
    expect(keyFingerprint(key.publicKey)).toMatch(/^SHA256:[A-Za-z0-9+/]{43}$/);
  });

  it('refuses expired certificates as kubeseal does', async () => {
    const key = await generateSealingKey({ bits: 2048, ttlMs: 1000, now: new Date('2020-01-01T00:00:00Z') });
    const cert = parseCertificate(key.certificatePem);
    expect(() => assertNotExpired(cert, new Date('2026-01-01T00:00:00Z'))).toThrow(
      'failed to encrypt using an expired certificate on 2020-01-01T00:00:01.000Z',
    );
  });
});
