import { spawnService, type ServiceName, type ServiceProcess, type SpawnServiceOptions } from './service-process';

/** When a supervised service is started again after it exited; defaults in DEFAULT_RESTART_POLICY. */
export interface RestartPolicy {
  /** Wait before the first restart, in ms. */
  initialDelayMs: number;
  /** Longest wait between restarts, in ms; each restart in a row doubles the wait up to this. */
  maxDelayMs: number;
  /** A run at least this long (ms) counts as stable: the next restart waits `initialDelayMs` again. */
  stableAfterMs: number;
}

/** 1 s doubling to 30 s, back to 1 s after a minute of stable running (as Kubernetes' CrashLoopBackOff, shorter). */
export const DEFAULT_RESTART_POLICY: RestartPolicy = { initialDelayMs: 1_000, maxDelayMs: 30_000, stableAfterMs: 60_000 };

/** Options of a supervised service: how to spawn it, when to restart it, and where to say so. */
export interface SupervisorOptions extends SpawnServiceOptions {
  policy?: Partial<RestartPolicy>;
  /** Receives one line per exit and restart. */
  log?: (line: string) => void;
}

/**
 * One service kept running: started with spawnService, and started again with exponential backoff whenever it
 * exits without being asked to, so that one crashed service never takes the others down.
 */
export class SupervisedService {
  private readonly policy: RestartPolicy;
  private current: ServiceProcess | undefined;
  private delayMs: number;
  private timer: NodeJS.Timeout | undefined;
  private stopping = false;
  /** How many times the service was started again. */
  restarts = 0;

  constructor(
    readonly name: ServiceName,
    private readonly options: SupervisorOptions = {},
  ) {
    this.policy = { ...DEFAULT_RESTART_POLICY, ...options.policy };
    this.delayMs = this.policy.initialDelayMs;
  }

  /** The running process (undefined between an exit and its restart). */
  get process(): ServiceProcess | undefined {
    return this.current;
  }

  /** Starts the service; resolves once it is ready. A first start that fails is not retried (it rejects). */
  async start(): Promise<ServiceProcess> {
    const svc = await spawnService(this.name, this.options);
    this.watch(svc);
    return svc;
  }

  /** Stops the service and any restart that is pending. */
  async stop(graceMs?: number): Promise<void> {
    this.stopping = true;
    clearTimeout(this.timer);
    await this.current?.stop(graceMs);
  }

  private watch(svc: ServiceProcess): void {
    const startedAt = Date.now();
    this.current = svc;
    svc.child.once('exit', (code, signal) => {
      if (this.stopping) return;
      this.current = undefined;
      if (Date.now() - startedAt >= this.policy.stableAfterMs) this.delayMs = this.policy.initialDelayMs;
      this.log(`${this.name} exited unexpectedly (${signal ?? `exit code ${code}`}); restarting in ${this.delayMs} ms`);
      this.schedule();
    });
  }

  private schedule(): void {
    const wait = this.delayMs;
    this.delayMs = Math.min(this.delayMs * 2, this.policy.maxDelayMs);
    this.timer = setTimeout(() => void this.restart(), wait);
  }

  private async restart(): Promise<void> {
    if (this.stopping) return;
    let svc: ServiceProcess;
    try {
      svc = await spawnService(this.name, this.options);
    } catch (err) {
      this.log(`${this.name} failed to restart: ${(err as Error).message.split('\n')[0]}; retrying in ${this.delayMs} ms`);
      return this.schedule();
    }
    if (this.stopping) {
      await svc.stop();
      return;
    }
    this.restarts++;
    this.log(`${this.name} restarted (pid ${svc.child.pid}, gRPC port ${svc.grpcPort}, restart ${this.restarts})`);
    this.watch(svc);
  }

  private log(line: string): void {
    this.options.log?.(line);
  }
}
