import type { Clock } from './clock';
import { runProcessors } from './processors';
import { WorkQueue } from './work-queue';

/** A clock whose time moves only when the test says so. */
function manualClock() {
  let now = 0;
  const timers: { at: number; fn: () => void }[] = [];
  const clock: Clock = {
    now: () => now,
    setTimeout: (fn, ms) => {
      const t = { at: now + ms, fn };
      timers.push(t);
      return t;
    },
    clearTimeout: (h) => timers.splice(timers.indexOf(h as never), 1),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers.filter((x) => x.at <= now)) {
      timers.splice(timers.indexOf(t), 1);
      t.fn();
    }
  };
  return { clock, advance };
}

describe('WorkQueue', () => {
  it('queues a key once however often it is added', async () => {
    const q = new WorkQueue();
    q.add('a');
    q.add('b');
    q.add('a');
    expect(q.length).toBe(2);
    expect(await q.get()).toBe('a');
    expect(await q.get()).toBe('b');
  });

  it('processes a key added during its processing once more, after it is done, never twice at once', async () => {
    const q = new WorkQueue();
    q.add('a');
    const key = await q.get();
    q.add('a');
    q.add('a');
    expect(q.length).toBe(0); // not handed out while processing
    q.done(key!);
    expect(q.length).toBe(1);
    expect(await q.get()).toBe('a');
  });

  it('backs off failing keys exponentially, and delays addAfter', async () => {
    const { clock, advance } = manualClock();
    const q = new WorkQueue({ clock, backoff: { baseMs: 10, factor: 2, maxMs: 35 } });
    q.addRateLimited('x'); // 10 ms
    advance(9);
    expect(q.length).toBe(0);
    advance(1);
    expect(q.length).toBe(1);
    q.done((await q.get())!);
    q.addRateLimited('x'); // 20 ms
    q.addRateLimited('x'); // pending already: no second timer
    advance(20);
    expect(q.failureCount('x')).toBe(3);
    q.forget('x');
    expect(q.failureCount('x')).toBe(0);
    expect(q.length).toBe(1);
    q.done((await q.get())!);
    q.addAfter('y', 100);
    advance(99);
    expect(q.length).toBe(0);
    advance(1);
    expect(q.length).toBe(1);
  });

  it('drops a key past maxRetries failures in a row, until something adds it again', () => {
    const { clock, advance } = manualClock();
    const q = new WorkQueue({ clock, maxRetries: 2, backoff: { baseMs: 10, factor: 1, maxMs: 10 } });
    expect(q.addRateLimited('x')).toBe(true);
    expect(q.addRateLimited('x')).toBe(true);
    expect(q.addRateLimited('x')).toBe(false); // the third failure in a row: given up
    expect(q.failureCount('x')).toBe(0);
    advance(10);
    expect(q.length).toBe(1); // the retries already scheduled still run once
    expect(q.addRateLimited('x')).toBe(true); // counting starts again
  });

  it('lets an earlier delayed add replace a later one (a short backoff beats the periodic resync)', () => {
    const { clock, advance } = manualClock();
    const q = new WorkQueue({ clock });
    q.addAfter('app', 180_000);
    q.addAfter('app', 2_000);
    q.addAfter('app', 5_000); // later than the pending one: ignored
    advance(2_000);
    expect(q.length).toBe(1);
  });

  it('wakes waiting getters, and resolves them undefined on shutdown', async () => {
    const q = new WorkQueue();
    const waiting = q.get();
    q.add('late');
    expect(await waiting).toBe('late');
    const blocked = q.get();
    q.shutdown();
    expect(await blocked).toBeUndefined();
    q.add('ignored');
    expect(q.length).toBe(0);
  });
});

describe('runProcessors', () => {
  it('runs n handlers in parallel, one per key at a time, retrying failures', async () => {
    const q = new WorkQueue({ backoff: { baseMs: 1, factor: 1, maxMs: 1 } });
    const active = new Set<string>();
    let peak = 0;
    const seen: string[] = [];
    let failOnce = true;
    const running = runProcessors(q, 3, async (key) => {
      if (active.has(key)) throw new Error('same key twice at once');
      active.add(key);
      peak = Math.max(peak, active.size);
      await new Promise((r) => setTimeout(r, 5));
      active.delete(key);
      if (key === 'flaky' && failOnce) {
        failOnce = false;
        throw new Error('transient');
      }
      seen.push(key);
    });
    // The processors already wait, so the first 'a' starts at once and the second is a re-add during processing.
    for (const k of ['a', 'b', 'c', 'd', 'flaky', 'a']) q.add(k);
    while (seen.length < 6) await new Promise((r) => setTimeout(r, 5));
    q.shutdown();
    await running;
    expect(seen.sort()).toEqual(['a', 'a', 'b', 'c', 'd', 'flaky']);
    expect(peak).toBe(3);
  });

  it('retries a key whose handler answers retry, as it does a throw, up to maxRetries', async () => {
    const q = new WorkQueue({ maxRetries: 3, backoff: { baseMs: 1, factor: 2, maxMs: 4 } });
    let calls = 0;
    const errors: unknown[] = [];
    const running = runProcessors(
      q,
      2,
      async () => {
        calls++;
        if (calls === 1) throw new Error('boom');
        return { retry: true };
      },
      (_key, err) => errors.push(err),
    );
    q.add('x');
    while (calls < 4) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => setTimeout(r, 30)); // a fifth call would have come by now (backoff is at most 4 ms)
    q.shutdown();
    await running;
    expect(calls).toBe(4); // the first try and three retries
    expect(errors).toHaveLength(1); // a retry result is not an error; the throw is
    expect(q.failureCount('x')).toBe(0);
  });

  it('forgets the backoff of a key that succeeds', async () => {
    const q = new WorkQueue({ backoff: { baseMs: 1, factor: 1, maxMs: 1 } });
    let calls = 0;
    const running = runProcessors(q, 1, async () => (++calls < 3 ? { retry: true } : undefined));
    q.add('x');
    while (calls < 3) await new Promise((r) => setTimeout(r, 2));
    q.shutdown();
    await running;
    expect(q.failureCount('x')).toBe(0);
  });
});
