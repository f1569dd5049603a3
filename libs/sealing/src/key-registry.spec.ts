import { generateKeyPairSync } from 'node:crypto';
import { KeyRegistry, nextRenewalAt } from './key-registry';
import type { SealingKey } from './keys';

const fake = (fingerprint: string): SealingKey => {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
  return { privateKey, publicKey, certificatePem: '', notBefore: new Date(0), notAfter: new Date(0), fingerprint };
};
const day = 24 * 3600 * 1000;

describe('KeyRegistry', () => {
  it('picks the latest key to seal, keeps all to decrypt (latest first), and de-duplicates', () => {
    const r = new KeyRegistry();
    const a = fake('a');
    const b = fake('b');
    r.add(a, 'key-a', new Date('2026-01-01'));
    r.add(b, 'key-b', new Date('2026-02-01'));
    r.add(a, 'key-a-copy', new Date('2025-01-01'));
    expect(r.size).toBe(2);
    expect(r.latest()!.secretName).toBe('key-b');
    expect(r.privateKeys()).toEqual([b.privateKey, a.privateKey]);
  });
});

describe('nextRenewalAt', () => {
  const now = new Date('2026-06-01T00:00:00Z');
  it('renews now without a key or before the cutoff, else one period after the latest', () => {
    expect(nextRenewalAt(undefined, { periodMs: 30 * day, now })).toEqual(now);
    expect(nextRenewalAt(new Date('2026-05-01'), { periodMs: 30 * day, now, cutoff: new Date('2026-05-15') })).toEqual(now);
    expect(nextRenewalAt(new Date('2026-05-20T00:00:00Z'), { periodMs: 30 * day, now })).toEqual(new Date('2026-06-19T00:00:00Z'));
    expect(nextRenewalAt(new Date('2026-01-01'), { periodMs: 30 * day, now })).toEqual(now);
    expect(nextRenewalAt(new Date('2026-05-20'), { periodMs: 0, now })).toBeUndefined();
  });
});
