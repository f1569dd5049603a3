import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eventually } from '@fjord/devkit';
import { down, isHealthy, up } from './cluster';
import { isAlive } from './processes';

// Given a cluster owned by a process, when a second `up` targets the same directory it reuses the running
// cluster; and when the owner dies without cleaning up (a crashed test run), every cluster process goes away.

jest.setTimeout(120_000);
const quiet = () => undefined;

describe('cluster lifecycle', () => {
  it('reuses a running cluster, and leaves no orphans when its owner crashes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fjord-lifecycle-'));
    const owner = spawn('sleep', ['600'], { stdio: 'ignore' });
    try {
      const first = await up({ dir, ownerPid: owner.pid!, log: quiet });
      expect(first.reused).toBe(false);
      expect(await isHealthy(first)).toBe(true);
      expect(first.processes.map((p) => p.name)).toEqual(['etcd', 'kube-apiserver', 'kube-controller-manager', 'kube-scheduler', 'kwok']);

      const second = await up({ dir, ownerPid: owner.pid!, log: quiet });
      expect(second.reused).toBe(true);
      expect(second.server).toBe(first.server);

      owner.kill('SIGKILL');
      await eventually(
        () => {
          const alive = first.processes.filter((p) => isAlive(p.pid)).map((p) => p.name);
          if (alive.length || existsSync(dir)) throw new Error(`still alive: ${alive.join(', ') || '(directory remains)'}`);
        },
        { timeoutMs: 30_000, intervalMs: 500 },
      );
    } finally {
      owner.kill('SIGKILL');
      await down({ dir, log: quiet });
    }
  });

  it('replaces a cluster whose processes died instead of reusing it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'fjord-lifecycle-'));
    try {
      const first = await up({ dir, ownerPid: process.pid, log: quiet });
      const apiserver = first.processes.find((p) => p.name === 'kube-apiserver')!;
      process.kill(-apiserver.pid, 'SIGKILL');
      await eventually(() => expect(isAlive(apiserver.pid)).toBe(false));
      const second = await up({ dir, ownerPid: process.pid, log: quiet });
      expect(second.reused).toBe(false);
      expect(await isHealthy(second)).toBe(true);
      expect(first.processes.every((p) => !isAlive(p.pid))).toBe(true);
    } finally {
      await down({ dir, log: quiet });
    }
  });
});
