import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from './eventually';
import { SupervisedService } from './supervisor';

// Given two supervised service processes, when one is killed (SIGKILL), it is started again after the backoff and
// logged, and the other keeps running untouched; a stopped service is not restarted.

jest.setTimeout(120_000);

let root: string;
beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'fjord-supervisor-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const supervised = (id: string, log: string[]) =>
  new SupervisedService('repo-server', {
    args: ['--port', '0', '--metrics-port', '0', '--repo-cache-dir', join(root, id), '--render-processes', '1'],
    env: { LOG_LEVEL: 'warn', REDIS_URL: '' },
    policy: { initialDelayMs: 200, maxDelayMs: 1_000, stableAfterMs: 60_000 },
    log: (line) => log.push(line),
  });

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('SupervisedService', () => {
  it('restarts a killed service with backoff while the others keep running', async () => {
    const log: string[] = [];
    const victim = supervised('victim', log);
    const bystander = supervised('bystander', []);
    await Promise.all([victim.start(), bystander.start()]);
    const victimPid = victim.process!.child.pid!;
    const bystanderPid = bystander.process!.child.pid!;
    try {
      victim.process!.child.kill('SIGKILL');
      const restarted = await eventually(
        async () => {
          if (!victim.process || victim.process.child.pid === victimPid) throw new Error('not restarted yet');
          return victim.process;
        },
        { timeoutMs: 60_000, intervalMs: 100 },
      );
      expect(alive(restarted.child.pid!)).toBe(true);
      expect(victim.restarts).toBe(1);
      expect(log[0]).toBe('repo-server exited unexpectedly (SIGKILL); restarting in 200 ms');
      expect(log[1]).toMatch(/^repo-server restarted \(pid \d+, gRPC port \d+, restart 1\)$/);
      // the second crash in a row waits twice as long
      restarted.child.kill('SIGKILL');
      await eventually(async () => expect(victim.restarts).toBe(2), { timeoutMs: 60_000, intervalMs: 100 });
      expect(log[2]).toBe('repo-server exited unexpectedly (SIGKILL); restarting in 400 ms');
      expect(bystander.process!.child.pid).toBe(bystanderPid);
      expect(alive(bystanderPid)).toBe(true);
      expect(bystander.restarts).toBe(0);
    } finally {
      await victim.stop();
      await bystander.stop();
    }
    const last = victim.process?.child.pid;
    await new Promise((r) => setTimeout(r, 500));
    expect(victim.process?.child.pid).toBe(last);
    expect(victim.restarts).toBe(2);
  });
});
