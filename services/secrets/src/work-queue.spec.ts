import { WorkQueue, WorkResult } from './work-queue';

const options = { concurrency: 2, maxRetries: 3, baseDelayMs: 1, maxDelayMs: 5 };

describe('WorkQueue', () => {
  it('deduplicates keys and never runs one key twice at a time', async () => {
    const running = new Set<string>();
    const seen: string[] = [];
    let overlap = false;
    const q = new WorkQueue(async (key) => {
      if (running.has(key)) overlap = true;
      running.add(key);
      seen.push(key);
      await new Promise((r) => setTimeout(r, 5));
      running.delete(key);
      return WorkResult.Done;
    }, options);
    q.add('a');
    q.add('a');
    q.add('b');
    await new Promise((r) => setTimeout(r, 1));
    q.add('a'); // while running: runs once more afterwards
    await new Promise((r) => setTimeout(r, 30));
    await q.idle();
    expect(overlap).toBe(false);
    expect(seen.filter((k) => k === 'a')).toHaveLength(2);
    expect(seen.filter((k) => k === 'b')).toHaveLength(1);
    await q.stop();
  });

  it('retries with backoff up to the limit, and counts throws as retries', async () => {
    let calls = 0;
    const errors: unknown[] = [];
    const q = new WorkQueue(
      async () => {
        calls++;
        if (calls === 1) throw new Error('boom');
        return WorkResult.Retry;
      },
      options,
      (_k, err) => errors.push(err),
    );
    q.add('x');
    await new Promise((r) => setTimeout(r, 100));
    expect(calls).toBe(4);
    expect(errors).toHaveLength(1);
    await q.stop();
  });
});
