import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ErrorKind, FjordError, redactUrl, UnavailableError, type Logger } from '@fjord/platform';
import type { RenderedSource, RenderJob } from './render-job';
import { fromRenderFailure } from './render-failure';
import { RenderLimit, RenderLimitError } from './render-limit-error';
import type { FromRenderProcess, ToRenderProcess } from './render-protocol';

/** Settings of the render processes; the repo-server's flags set them (defaults there). */
export interface RenderPoolOptions {
  /** Render processes at most, i.e. renders at once. */
  size: number;
  /** Longest one render may take, in ms; the process is killed after it. */
  timeoutMs: number;
  /** Heap limit of a render process (V8's --max-old-space-size), in MiB. Its RSS may pass it by RSS_HEADROOM_MIB. */
  memoryMib: number;
  logger?: Logger;
  /** Called when a render breaks a limit, for metrics. */
  onLimit?: (limit: RenderLimit) => void;
}

/** What a render process may use beyond its heap (code, young generation, buffers) before it is killed. */
export const RSS_HEADROOM_MIB = 160;
const RSS_POLL_MS = 200;
/** What V8 prints when a heap fills up. */
const OOM_OUTPUT = /heap out of memory|Allocation failed|Reached heap limit|FatalProcessOutOfMemory/;
const ENTRY = join(__dirname, 'render-process.ts');
const STDERR_LINES = 20;
/** The only environment a render process gets: nothing of the repo-server's settings or credentials. */
const RENDER_ENV_KEYS = ['PATH', 'HOME', 'TMPDIR', 'TZ', 'LANG', 'NODE_ENV'] as const;

interface Pending {
  job: RenderJob;
  resolve(result: RenderedSource): void;
  reject(err: Error): void;
}

interface RenderProcess {
  child: ChildProcess;
  ready: boolean;
  pending?: Pending;
  timer?: NodeJS.Timeout;
  watchdog?: NodeJS.Timeout;
  /** The limit this process was killed for, if any. */
  broke?: RenderLimit;
  stderr: string[];
}

/**
 * Runs renders in separate Node.js processes, one render per process at a time, each bounded in time (killed after
 * `timeoutMs`) and memory (a V8 heap limit, and killed when its RSS passes the limit plus headroom). A render that
 * breaks a limit fails only its request with a RenderLimitError; a process that died is replaced on demand, and
 * the repo-server itself never runs repository content. Child processes rather than worker threads, because a
 * worker's heap limit does not hold for every allocation: some abort the whole process (ADR 0006).
 */
export class RenderPool {
  private readonly processes: RenderProcess[] = [];
  private readonly queue: Pending[] = [];
  private closed = false;
  private readonly loader = pathToFileURL(require.resolve('tsx')).href;

  constructor(private readonly options: RenderPoolOptions) {}

  /** Starts one render process ahead of the first request, so that it does not wait for Node.js to load. */
  warm(): void {
    if (this.processes.length === 0) this.spawn();
  }

  /** Renders `job` in a render process; rejects with RenderLimitError when it breaks a limit. */
  run(job: RenderJob): Promise<RenderedSource> {
    if (this.closed) return Promise.reject(new UnavailableError('the repo-server is shutting down'));
    return new Promise((resolve, reject) => {
      this.queue.push({ job, resolve, reject });
      this.dispatch();
    });
  }

  /** The process ids of the render processes, for tests and diagnostics. */
  pids(): number[] {
    return this.processes.map((p) => p.child.pid!).filter(Boolean);
  }

  /** Stops every render process; renders not started yet fail as UNAVAILABLE. */
  async close(): Promise<void> {
    this.closed = true;
    for (const p of this.queue.splice(0)) p.reject(new UnavailableError('the repo-server is shutting down'));
    await Promise.all(
      this.processes.map(
        (p) =>
          new Promise<void>((resolve) => {
            if (p.child.exitCode !== null || p.child.signalCode !== null) return resolve();
            p.child.once('exit', () => resolve());
            p.child.kill('SIGKILL');
          }),
      ),
    );
  }

  private dispatch(): void {
    if (this.closed) return;
    while (this.queue.length > 0) {
      const idle = this.processes.find((p) => p.ready && !p.pending);
      if (!idle) break;
      this.start(idle, this.queue.shift()!);
    }
    const starting = this.processes.filter((p) => !p.ready).length;
    if (this.queue.length > starting && this.processes.length < this.options.size) this.spawn();
  }

  private spawn(): void {
    const child = fork(ENTRY, [], {
      execArgv: ['--import', this.loader, `--max-old-space-size=${this.options.memoryMib}`],
      serialization: 'advanced',
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      env: Object.fromEntries(RENDER_ENV_KEYS.filter((k) => process.env[k] !== undefined).map((k) => [k, process.env[k]])),
    });
    const proc: RenderProcess = { child, ready: false, stderr: [] };
    this.processes.push(proc);
    let partial = '';
    child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop()!;
      proc.stderr.push(...lines.filter((l) => l.trim()));
      proc.stderr.splice(0, Math.max(0, proc.stderr.length - STDERR_LINES));
    });
    child.on('message', (msg: FromRenderProcess) => this.received(proc, msg));
    child.on('error', (err) => this.options.logger?.warn({ err }, 'render process error'));
    child.once('exit', (code, signal) => this.exited(proc, code, signal));
  }

  private start(proc: RenderProcess, pending: Pending): void {
    proc.pending = pending;
    proc.child.send({ job: pending.job } satisfies ToRenderProcess);
    proc.timer = setTimeout(() => this.kill(proc, RenderLimit.Time), this.options.timeoutMs);
    const pid = proc.child.pid;
    if (process.platform === 'linux' && pid) {
      const maxBytes = (this.options.memoryMib + RSS_HEADROOM_MIB) * 1024 * 1024;
      proc.watchdog = setInterval(() => {
        if (rssBytes(pid) > maxBytes) this.kill(proc, RenderLimit.Memory);
      }, RSS_POLL_MS);
    }
  }

  private kill(proc: RenderProcess, limit: RenderLimit): void {
    proc.broke ??= limit;
    proc.child.kill('SIGKILL');
  }

  private settle(proc: RenderProcess): Pending | undefined {
    const pending = proc.pending;
    clearTimeout(proc.timer);
    clearInterval(proc.watchdog);
    proc.pending = undefined;
    return pending;
  }

  private received(proc: RenderProcess, msg: FromRenderProcess): void {
    if (msg.type === 'ready') {
      proc.ready = true;
      return this.dispatch();
    }
    const pending = this.settle(proc);
    if (!pending) return;
    if (msg.type === 'done') pending.resolve(msg.result);
    else if (msg.failure.engineLimit) pending.reject(this.limitError(RenderLimit.Engine, pending.job, msg.failure.message));
    else pending.reject(fromRenderFailure(msg.failure));
    this.dispatch();
  }

  private exited(proc: RenderProcess, code: number | null, signal: NodeJS.Signals | null): void {
    this.processes.splice(this.processes.indexOf(proc), 1);
    const pending = this.settle(proc);
    if (pending) pending.reject(this.exitError(proc, pending.job, code, signal));
    else if (!proc.ready && !this.closed) {
      const err = new FjordError(
        ErrorKind.Internal,
        `a render process failed to start (${signal ?? `exit code ${code}`}): ${proc.stderr.slice(-5).join(' | ')}`,
      );
      this.options.logger?.error({ err }, 'render process failed to start');
      // Without a process that loads, waiting renders would wait forever; the next request tries again.
      if (this.processes.length === 0) for (const p of this.queue.splice(0)) p.reject(err);
    }
    if (this.closed) return;
    this.dispatch();
    // Keep one warm process after a render killed the last one, unless processes do not even start.
    if (proc.ready) this.warm();
  }

  private exitError(proc: RenderProcess, job: RenderJob, code: number | null, signal: NodeJS.Signals | null): Error {
    const oom = proc.broke === RenderLimit.Memory || proc.stderr.some((l) => OOM_OUTPUT.test(l));
    if (proc.broke === RenderLimit.Time) {
      return this.limitError(RenderLimit.Time, job, `exceeded the time limit of ${this.options.timeoutMs / 1000} s (--render-timeout-seconds)`);
    }
    if (oom) return this.limitError(RenderLimit.Memory, job, `exceeded the memory limit of ${this.options.memoryMib} MiB (--render-memory-limit-mib)`);
    this.options.logger?.error({ code, signal, stderr: proc.stderr }, 'render process exited unexpectedly');
    return new FjordError(ErrorKind.Internal, `${describe(job)}: the render process exited unexpectedly (${signal ?? `exit code ${code}`})`);
  }

  private limitError(limit: RenderLimit, job: RenderJob, what: string): RenderLimitError {
    this.options.onLimit?.(limit);
    const err = new RenderLimitError(limit, `${describe(job)} ${what}`);
    this.options.logger?.warn({ limit, repo: redactUrl(job.repoURL), commit: job.commit, path: job.request.path, app: job.request.appName }, err.message);
    return err;
  }
}

/** `render of apps/x (app shop) at 1a2b3c4d5e6f`, for messages. */
function describe(job: RenderJob): string {
  const app = job.request.appName ? ` (app ${job.request.appName})` : '';
  return `render of ${job.request.path || '.'}${app} at ${job.commit.slice(0, 12)}`;
}

/** Resident memory of process `pid` in bytes (Linux), 0 once it is gone. */
function rssBytes(pid: number): number {
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}
