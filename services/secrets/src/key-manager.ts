import {
  generateSealingKey,
  KEY_LABEL,
  KEY_LABEL_ACTIVE,
  keyOrderingTime,
  KeyRegistry,
  nextRenewalAt,
  sealingKeyFromSecret,
  type KeyOrderPriority,
  type SealingKey,
  type Secret,
} from '@fjord/sealing';
import type { Logger } from '@fjord/platform';
import type { KeyStore } from './key-store';

/** How keys are made and renewed; upstream's flags. */
export interface KeyManagerOptions {
  bits: number;
  certTtlMs: number;
  commonName: string;
  /** `--key-renew-period`; 0 disables renewal. */
  renewPeriodMs: number;
  /** `--key-cutoff-time`: a latest key older than this is replaced at start. */
  cutoff?: Date;
  orderPriority: KeyOrderPriority;
  now?: () => Date;
}

/** setTimeout's largest delay; longer waits (a 30-day renewal) are taken in steps. */
const MAX_TIMER_MS = 2 ** 31 - 1;

/**
 * Owns the service's sealing keys: loads them from the key Secrets at start, generates one when there is none or
 * the latest predates the cutoff, renews on a period, and takes in key Secrets that appear later (a restored
 * backup). All keys decrypt; the latest seals.
 */
export class KeyManager {
  readonly registry = new KeyRegistry();
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly listeners: Array<() => void> = [];

  constructor(
    private readonly store: KeyStore,
    private readonly options: KeyManagerOptions,
    private readonly logger: Logger,
  ) {}

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Loads the stored keys, generates the first one if needed, and schedules renewal. */
  async start(): Promise<void> {
    for (const secret of await this.store.list()) this.register(secret);
    await this.scheduleRenewal();
  }

  /** Called whenever a key is added (so that failed SealedSecrets can be retried). */
  onKeyAdded(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Registers a key Secret; ignores Secrets that are not active keys or cannot be read (logged, never quoted). */
  register(secret: Secret): boolean {
    const labels = secret.metadata?.labels ?? {};
    if (KEY_LABEL in labels && labels[KEY_LABEL] !== KEY_LABEL_ACTIVE) return false;
    let key: SealingKey;
    try {
      key = sealingKeyFromSecret(secret);
    } catch (err) {
      this.logger.warn({ secret: secret.metadata?.name, err: (err as Error).message }, 'ignoring an unreadable key Secret');
      return false;
    }
    const before = this.registry.size;
    const ordering = keyOrderingTime(key, secret.metadata?.creationTimestamp ?? undefined, this.options.orderPriority);
    this.registry.add(key, secret.metadata?.name ?? '', ordering);
    if (this.registry.size === before) return false;
    this.logger.info({ secret: secret.metadata?.name, fingerprint: key.fingerprint, notBefore: key.notBefore }, 'registered sealing key');
    for (const l of this.listeners) l();
    return true;
  }

  /** Generates, stores and registers a new key now (renewal, /v1 rotate-key, or SIGUSR1). */
  async renew(): Promise<SealingKey> {
    const key = await generateSealingKey({ bits: this.options.bits, ttlMs: this.options.certTtlMs, commonName: this.options.commonName, now: this.now() });
    const stored = await this.store.create(key);
    this.registry.add(key, stored.metadata?.name ?? '', this.now());
    this.logger.info({ secret: stored.metadata?.name, fingerprint: key.fingerprint, certificate: key.certificatePem }, 'generated a new sealing key');
    for (const l of this.listeners) l();
    return key;
  }

  private async scheduleRenewal(): Promise<void> {
    if (this.stopped) return;
    const at = nextRenewalAt(this.registry.latest()?.orderingTime, {
      periodMs: this.options.renewPeriodMs,
      cutoff: this.options.cutoff,
      now: this.now(),
    });
    if (!at) return;
    const wait = at.getTime() - this.now().getTime();
    if (wait <= 0) {
      await this.renew();
      return this.scheduleRenewal();
    }
    this.timer = setTimeout(
      () => {
        this.scheduleRenewal().catch((err: unknown) => {
          this.logger.error({ err: (err as Error).message }, 'failed to renew the sealing key; retrying in a minute');
          this.timer = setTimeout(() => void this.scheduleRenewal().catch(() => undefined), 60_000);
        });
      },
      Math.min(wait, MAX_TIMER_MS),
    );
    this.timer.unref();
  }

  /** Stops renewal. */
  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
  }
}
