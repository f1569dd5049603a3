/** What a queue worker reports for a key. */
export const WorkResult = {
  /** Done; forget the key's retry count. */
  Done: 'done',
  /** A transient failure: try again after a backoff, up to the retry limit. */
  Retry: 'retry',
} as const;
/** One of {@link WorkResult}. */
export type WorkResult = (typeof WorkResult)[keyof typeof WorkResult];

/** Options of {@link WorkQueue}. */
export interface WorkQueueOptions {
  concurrency: number;
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/**
 * A deduplicating work queue in the controller-runtime style: a key is processed by at most one worker at a
 * time; a key added while it is being processed runs once more afterwards; failures retry with exponential backoff.
 */
export class WorkQueue {
  private readonly pending = new Set<string>();
  private readonly active = new Set<string>();
  private readonly dirty = new Set<string>();
  private readonly retries = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private running = 0;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly worker: (key: string) => Promise<WorkResult>,
    private readonly options: WorkQueueOptions,
    private readonly onError: (key: string, err: unknown) => void = () => undefined,
  ) {}

  /** Queues a key (no-op if already queued). */
  add(key: string): void {
    if (this.stopped) return;
    if (this.active.has(key)) this.dirty.add(key);
    else this.pending.add(key);
    this.pump();
  }

  private pump(): void {
    while (!this.stopped && this.running < this.options.concurrency) {
      const key = [...this.pending].find((k) => !this.active.has(k));
      if (key === undefined) break;
      this.pending.delete(key);
      this.active.add(key);
      this.running++;
      void this.process(key);
    }
    if (this.running === 0 && this.pending.size === 0) this.idleWaiters.splice(0).forEach((w) => w());
  }

  private async process(key: string): Promise<void> {
    let result: WorkResult;
    try {
      result = await this.worker(key);
    } catch (err) {
      this.onError(key, err);
      result = WorkResult.Retry;
    }
    this.active.delete(key);
    this.running--;
    if (result === WorkResult.Retry) this.retryLater(key);
    else this.retries.delete(key);
    if (this.dirty.delete(key)) this.pending.add(key);
    this.pump();
  }

  private retryLater(key: string): void {
    const attempt = (this.retries.get(key) ?? 0) + 1;
    if (attempt > this.options.maxRetries) {
      this.retries.delete(key);
      return;
    }
    this.retries.set(key, attempt);
    const delay = Math.min(this.options.baseDelayMs * 2 ** (attempt - 1), this.options.maxDelayMs);
    const timer = setTimeout(() => {
      this.timers.delete(timer);
      this.add(key);
    }, delay);
    this.timers.add(timer);
  }

  /** Resolves when nothing is queued or running (retries waiting on a timer do not count). */
  idle(): Promise<void> {
    if (this.running === 0 && this.pending.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /** Stops taking work and cancels pending retries; resolves once running work has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.pending.clear();
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    while (this.running > 0) await new Promise((r) => setTimeout(r, 10));
  }
}
