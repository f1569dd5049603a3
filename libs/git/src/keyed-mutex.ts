/** Runs tasks one at a time per key (e.g. one fetch per repository), concurrently across keys. */
export class KeyedMutex {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `task` after every earlier task of the same key has settled. */
  async run<T>(key: string, task: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(task, task);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    try {
      return await next;
    } finally {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    }
  }
}

/** Shares one in-flight promise among identical concurrent calls (singleflight). */
export class InFlight<T> {
  private readonly pending = new Map<string, Promise<T>>();

  /** Returns the pending promise for `key`, or starts `task` and shares it until it settles. */
  do(key: string, task: () => Promise<T>): Promise<T> {
    const existing = this.pending.get(key);
    if (existing) return existing;
    const p = task().finally(() => this.pending.delete(key));
    this.pending.set(key, p);
    return p;
  }

  /** How many distinct calls are in flight. */
  get size(): number {
    return this.pending.size;
  }
}
