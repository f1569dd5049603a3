import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';

/** A process of the cluster, started in its own process group so that its children die with it. */
export interface ClusterProcess {
  name: string;
  pid: number;
  log: string;
}

/** Starts `bin args…` detached (own process group), output appended to `log`. */
export function startProcess(name: string, bin: string, args: string[], log: string): ClusterProcess {
  const fd = openSync(log, 'a');
  try {
    const child = spawn(bin, args, { detached: true, stdio: ['ignore', fd, fd] });
    if (child.pid === undefined) throw new Error(`failed to start ${name} (${bin})`);
    child.unref();
    return { name, pid: child.pid, log };
  } finally {
    closeSync(fd);
  }
}

/** True while a process with this pid exists (and is not a zombie we could reap). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    return !/^\S+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return true;
  }
}

/** The last lines of a log, for error messages. */
export function logTail(log: string, lines = 15): string {
  if (!existsSync(log)) return '(no log)';
  return readFileSync(log, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** SIGTERM to each process group, then SIGKILL to what is left after `graceMs`. Resolves when all are gone. */
export async function stopProcesses(processes: readonly ClusterProcess[], graceMs = 10_000): Promise<void> {
  const signal = (sig: NodeJS.Signals) => {
    for (const p of processes) {
      try {
        process.kill(-p.pid, sig);
      } catch {
        try {
          process.kill(p.pid, sig);
        } catch {
          // already gone
        }
      }
    }
  };
  signal('SIGTERM');
  const deadline = Date.now() + graceMs;
  while (processes.some((p) => isAlive(p.pid)) && Date.now() < deadline) await sleep(100);
  if (processes.some((p) => isAlive(p.pid))) {
    signal('SIGKILL');
    while (processes.some((p) => isAlive(p.pid))) await sleep(50);
  }
}

/**
 * Starts a detached watchdog that, once `ownerPid` is gone, kills the process groups listed (one pid a line) in
 * `pidsFile` and removes `dir`. This is what keeps a crashed test run or an interrupted `cluster:up` from leaving
 * orphans behind.
 */
export function startWatchdog(ownerPid: number, pidsFile: string, dir: string): number {
  const script = [
    `while kill -0 ${ownerPid} 2>/dev/null; do sleep 1; done`,
    `pids=$(cat '${pidsFile}' 2>/dev/null)`,
    'for p in $pids; do kill -TERM -- "-$p" 2>/dev/null || kill -TERM "$p" 2>/dev/null; done',
    'sleep 5',
    'for p in $pids; do kill -KILL -- "-$p" 2>/dev/null || kill -KILL "$p" 2>/dev/null; done',
    `rm -rf '${dir}'`,
  ].join('\n');
  const child = spawn('bash', ['-c', script], { detached: true, stdio: 'ignore' });
  child.unref();
  return child.pid!;
}
