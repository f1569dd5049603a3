import type { CacheLogger } from './types';

/** What a change of a CRD leads the cache to expect from discovery. */
export interface KindExpectation {
  kindId: string;
  /** Whether the kind should be served (CRD established) or gone (CRD deleted). */
  present: boolean;
}

/** How discovery reruns are paced. */
export interface RediscoveryOptions {
  /** Delay before a requested run, coalescing bursts of CRD events; default 50 ms. */
  debounceMs?: number;
  /** Runs retried while an expectation is unmet (the API server installs a CRD's handlers shortly after it is established); default 8. */
  maxAttempts?: number;
}

/**
 * Reruns discovery when CRDs change: requests are coalesced, one run at a time, and a run that does not yet show
 * an expected kind appearing or vanishing is retried with growing delays. `run` returns the kinds discovered.
 */
export class Rediscovery {
  private readonly expectations = new Map<string, { present: boolean; attempts: number }>();
  private timer?: NodeJS.Timeout;
  private running?: Promise<void>;
  private again = false;
  private stopped = false;
  private failures = 0;

  constructor(
    private readonly run: () => Promise<ReadonlySet<string>>,
    private readonly logger: CacheLogger,
    private readonly options: RediscoveryOptions = {},
  ) {}

  /** Asks for a discovery run soon, optionally expecting a kind to appear or vanish. */
  request(reason: string, expectation?: KindExpectation): void {
    if (this.stopped) return;
    if (expectation) this.expectations.set(expectation.kindId, { present: expectation.present, attempts: 0 });
    this.logger.debug({ reason, kind: expectation?.kindId }, 'discovery requested');
    if (this.running) this.again = true;
    else this.schedule(this.options.debounceMs ?? 50);
  }

  /** Cancels pending runs and waits for a running one. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private schedule(ms: number): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.running = this.execute().finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.schedule(this.options.debounceMs ?? 50);
        }
      });
    }, ms);
  }

  private async execute(): Promise<void> {
    let discovered: ReadonlySet<string>;
    try {
      discovered = await this.run();
      this.failures = 0;
    } catch (err) {
      if (this.stopped) return;
      this.failures++;
      this.logger.warn({ err: (err as Error).message, attempt: this.failures }, 'failed to rediscover API resources; retrying');
      this.schedule(retryDelay(this.failures));
      return;
    }
    let unmet = 0;
    for (const [kindId, e] of this.expectations) {
      if (discovered.has(kindId) === e.present) this.expectations.delete(kindId);
      else if (++e.attempts >= (this.options.maxAttempts ?? 8)) {
        this.expectations.delete(kindId);
        this.logger.warn({ kind: kindId, present: e.present }, 'discovery does not reflect a CRD change; giving up until the next one');
      } else unmet = Math.max(unmet, e.attempts);
    }
    if (unmet) this.schedule(retryDelay(unmet));
  }
}

/** 200 ms doubling per attempt, at most 5 s. */
function retryDelay(attempt: number): number {
  return Math.min(5000, 200 * 2 ** (attempt - 1));
}
