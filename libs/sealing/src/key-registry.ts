import type { KeyObject } from 'node:crypto';
import type { SealingKey } from './keys';

/** A key with where it came from and the time that orders it. */
export interface RegisteredKey {
  key: SealingKey;
  /** Name of the Secret it is stored in. */
  secretName: string;
  orderingTime: Date;
}

/**
 * The keys a controller holds: all of them decrypt, the latest one seals and serves the certificate. Keys are
 * never removed (renewal, not rotation: old SealedSecrets keep working).
 */
export class KeyRegistry {
  private readonly byFingerprint = new Map<string, RegisteredKey>();

  /** Adds a key (a key already present, by fingerprint, is kept once with the later of both times). */
  add(key: SealingKey, secretName: string, orderingTime: Date): void {
    const known = this.byFingerprint.get(key.fingerprint);
    if (known && known.orderingTime >= orderingTime) return;
    this.byFingerprint.set(key.fingerprint, { key, secretName, orderingTime });
  }

  /** The key with the latest ordering time, if any. */
  latest(): RegisteredKey | undefined {
    let best: RegisteredKey | undefined;
    for (const k of this.byFingerprint.values()) if (!best || k.orderingTime > best.orderingTime) best = k;
    return best;
  }

  /** Every private key, latest first (the likeliest to decrypt new SealedSecrets). */
  privateKeys(): KeyObject[] {
    return [...this.byFingerprint.values()].sort((a, b) => b.orderingTime.getTime() - a.orderingTime.getTime()).map((k) => k.key.privateKey);
  }

  /** Fingerprints of all keys, for logs and metrics (public information). */
  fingerprints(): string[] {
    return [...this.byFingerprint.keys()];
  }

  /** Number of keys. */
  get size(): number {
    return this.byFingerprint.size;
  }
}

/**
 * When the next key should be generated: now when there is none or the latest predates `cutoff`, else one renew
 * period after the latest. Returns undefined when renewal is off (period 0) and a key exists.
 */
export function nextRenewalAt(latest: Date | undefined, options: { periodMs: number; cutoff?: Date; now: Date }): Date | undefined {
  if (!latest) return options.now;
  if (options.cutoff && latest < options.cutoff) return options.now;
  if (options.periodMs <= 0) return undefined;
  const due = new Date(latest.getTime() + options.periodMs);
  return due < options.now ? options.now : due;
}
