/** Options of a {@link Backoff}. */
export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
  factor: number;
}

/** Retry delays of a failing watch or list: 0.5 s doubling to 30 s. */
export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 500, maxMs: 30_000, factor: 2 };

/** Exponential backoff with full jitter in the upper half (delay × [0.5, 1)), reset after a success. */
export class Backoff {
  private attempt = 0;

  constructor(private readonly options: BackoffOptions = DEFAULT_BACKOFF) {}

  /** The next delay in ms. */
  next(): number {
    const base = Math.min(this.options.maxMs, this.options.initialMs * this.options.factor ** this.attempt);
    this.attempt++;
    return Math.round(base * (0.5 + Math.random() / 2));
  }

  /** Starts over after a success. */
  reset(): void {
    this.attempt = 0;
  }
}

/** Waits `ms`, or less when `signal` aborts (never rejects). */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener('abort', done, { once: true });
  });
}
