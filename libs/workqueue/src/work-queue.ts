import { systemClock, type Clock } from './clock';

/** Backoff of a key that keeps failing: base × factor^(failures-1), at most max (ms). */
export interface BackoffOptions {
  baseMs: number;
  factor: number;
  maxMs: number;
}

/** Defaults as Argo CD's controller workqueue (per item: 1 ms × 1.5^n, at most 1 s). */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 1, factor: 1.5, maxMs: 1000 };

/** Observations for metrics: depth after each change, and how long each key waited. */
export interface QueueObserver {
  depth?(depth: number): void;
  waited?(ms: number): void;
}

/** Options of {@link WorkQueue}; each has a default. */
export interface WorkQueueOptions {
  /** Per-key backoff of failures; {@link DEFAULT_BACKOFF} when unset. */
  backoff?: BackoffOptions;
  /** Failures in a row after which a key is dropped (until it is added again); unlimited when unset. */
  maxRetries?: number;
  clock?: Clock;
  observer?: QueueObserver;
}

/**
 * A de-duplicating queue of string keys. A key is in the queue at most once; a key re-added while processing is
 * queued again when `done` is called. `get` resolves with the next key (waiting if empty) or undefined once shut
 * down.
 */
export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly dirty = new Map<string, number>(); // key -> time added
  private readonly processing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Map<string, { handle: unknown; at: number }>();
  private readonly waiters: ((key: string | undefined) => void)[] = [];
  private shuttingDown = false;

  constructor(private readonly options: WorkQueueOptions = {}) {}

  private get clock(): Clock {
    return this.options.clock ?? systemClock;
  }

  /** Queues `key` now (a no-op if it is already queued). */
  add(key: string): void {
    if (this.shuttingDown || this.dirty.has(key)) return;
    this.dirty.set(key, this.clock.now());
    if (this.processing.has(key)) return;
    this.push(key);
  }

  /** Queues `key` after `ms`; of several pending delayed adds of the same key, the earliest wins. */
  addAfter(key: string, ms: number): void {
    if (this.shuttingDown) return;
    if (ms <= 0) return this.add(key);
    const at = this.clock.now() + ms;
    const pending = this.timers.get(key);
    if (pending && pending.at <= at) return;
    if (pending) this.clock.clearTimeout(pending.handle);
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(key);
      this.add(key);
    }, ms);
    this.timers.set(key, { handle, at });
  }

  /**
   * Counts a failure and queues `key` after its backoff; past `maxRetries` failures in a row, forgets the key
   * instead and returns false (it is processed again only when something adds it).
   */
  addRateLimited(key: string): boolean {
    const n = (this.failures.get(key) ?? 0) + 1;
    if (n > (this.options.maxRetries ?? Infinity)) {
      this.failures.delete(key);
      return false;
    }
    this.failures.set(key, n);
    const b = this.options.backoff ?? DEFAULT_BACKOFF;
    this.addAfter(key, Math.min(b.maxMs, b.baseMs * b.factor ** (n - 1)));
    return true;
  }

  /** Clears a key's failure count (it succeeded). */
  forget(key: string): void {
    this.failures.delete(key);
  }

  /** How many times a key has failed in a row. */
  failureCount(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** The next key to process; undefined after shutdown. */
  get(): Promise<string | undefined> {
    const key = this.queue.shift();
    if (key !== undefined) return Promise.resolve(this.take(key));
    if (this.shuttingDown) return Promise.resolve(undefined);
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Marks `key` processed; re-queues it if it was added meanwhile. */
  done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key)) this.push(key);
  }

  /** Keys waiting (not counting those being processed). */
  get length(): number {
    return this.queue.length;
  }

  /**
   * Stops the queue: adds and delayed adds are dropped, keys already queued are still handed out (a drain), and
   * `get` resolves undefined once the queue is empty.
   */
  shutdown(): void {
    this.shuttingDown = true;
    for (const t of this.timers.values()) this.clock.clearTimeout(t.handle);
    this.timers.clear();
    for (const w of this.waiters.splice(0)) w(undefined);
  }

  private push(key: string): void {
    const waiter = this.waiters.shift();
    if (waiter) waiter(this.take(key));
    else {
      this.queue.push(key);
      this.options.observer?.depth?.(this.queue.length);
    }
  }

  private take(key: string): string {
    const added = this.dirty.get(key);
    this.dirty.delete(key);
    this.processing.add(key);
    if (added !== undefined) this.options.observer?.waited?.(this.clock.now() - added);
    this.options.observer?.depth?.(this.queue.length);
    return key;
  }
}
