import { FjordError, ErrorKind } from '@fjord/platform';

/** Options of the login limiter (Argo CD: 5 failures per user within 300 s). */
export interface LoginLimiterOptions {
  maxFailures: number;
  windowMs: number;
  now?: () => number;
}

/** Thrown when a user or client has failed too often; HTTP 429. */
export class TooManyAttemptsError extends FjordError {
  constructor(readonly retryAfterSeconds: number) {
    super(ErrorKind.FailedPrecondition, `too many failed login attempts; retry in ${retryAfterSeconds}s`);
    this.name = 'TooManyAttemptsError';
  }
}

/**
 * Counts failed logins per key (user name and client address) in a sliding window and refuses further attempts
 * once a key has failed `maxFailures` times, until its oldest failure leaves the window.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly now: () => number;

  constructor(private readonly options: LoginLimiterOptions) {
    this.now = options.now ?? Date.now;
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.options.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Throws TooManyAttemptsError when any of the keys is over the limit. */
  check(keys: string[]): void {
    for (const key of keys) {
      const recent = this.recent(key);
      if (recent.length >= this.options.maxFailures) {
        throw new TooManyAttemptsError(Math.max(1, Math.ceil((recent[0] + this.options.windowMs - this.now()) / 1000)));
      }
    }
  }

  /** Records one failed attempt under each key. */
  fail(keys: string[]): void {
    for (const key of keys) this.failures.set(key, [...this.recent(key), this.now()]);
    if (this.failures.size > 10_000) this.failures.delete(this.failures.keys().next().value as string);
  }

  /** Forgets the failures of a user who logged in. */
  succeed(keys: string[]): void {
    for (const key of keys) this.failures.delete(key);
  }
}
