import { Semaphore } from './semaphore';

const tick = () => new Promise((r) => setImmediate(r));

describe('Semaphore', () => {
  it('never runs more than its limit at once, and runs everything', async () => {
    const sem = new Semaphore(2);
    let now = 0;
    let peak = 0;
    const release: (() => void)[] = [];
    const tasks = Array.from({ length: 6 }, (_, i) =>
      sem.run(async () => {
        now++;
        peak = Math.max(peak, now);
        await new Promise<void>((r) => release.push(r));
        now--;
        return i;
      }),
    );
    for (let finished = 0; finished < 6; finished++) {
      await tick();
      expect(sem.running).toBeLessThanOrEqual(2);
      expect(release.length).toBeGreaterThan(0);
      release.shift()!();
    }
    expect(await Promise.all(tasks)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(peak).toBe(2);
    expect(sem.queued).toBe(0);
  });

  it('releases its slot when a task throws', async () => {
    const sem = new Semaphore(1);
    await expect(sem.run(() => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    expect(await sem.run(() => 'next')).toBe('next');
  });
});
