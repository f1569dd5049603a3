import { makeInformer, type KubeConfig, type KubernetesListObject, type KubernetesObject } from '@kubernetes/client-node';

/**
 * The latest version of every object under one API path, kept by an informer (one list, then a watch), and the
 * first moment each object satisfied a condition. The benchmark's clocks read this instead of polling the API
 * server, which would load the very machine being measured.
 */
export class ObjectWatch<T extends KubernetesObject> {
  private readonly objects = new Map<string, T>();
  private readonly firstMet = new Map<string, number>();
  private readonly waiters = new Set<() => void>();
  private readonly informer;
  private stopped = false;

  /** `condition` decides readiness; `now` gives the clock (ms) the times are measured in. */
  constructor(
    kc: KubeConfig,
    path: string,
    list: () => Promise<KubernetesListObject<T>>,
    private readonly condition: (o: T) => boolean,
    private readonly now: () => number = () => performance.now(),
  ) {
    this.informer = makeInformer<T>(kc, path, list);
    const seen = (o: T) => {
      const key = keyOf(o);
      this.objects.set(key, o);
      if (this.condition(o)) {
        if (!this.firstMet.has(key)) this.firstMet.set(key, this.now());
      }
      for (const wake of [...this.waiters]) wake();
    };
    this.informer.on('add', seen);
    this.informer.on('update', seen);
    this.informer.on('delete', (o) => {
      this.objects.delete(keyOf(o));
      for (const wake of [...this.waiters]) wake();
    });
    this.informer.on('error', () => {
      if (!this.stopped) setTimeout(() => void this.informer.start().catch(() => undefined), 500).unref();
    });
  }

  async start(): Promise<void> {
    await this.informer.start();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.informer.stop();
  }

  /** The latest version of `namespace/name` (or `name` for cluster-scoped objects). */
  get(key: string): T | undefined {
    return this.objects.get(key);
  }

  /** When each object first met the condition, by key. */
  firstMetTimes(): ReadonlyMap<string, number> {
    return this.firstMet;
  }

  /** Resolves with the clock's time once `check` holds; rejects after `timeoutMs` with what `describe` says. */
  until(check: () => boolean, timeoutMs: number, describe: () => string): Promise<number> {
    if (check()) return Promise.resolve(this.now());
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(wake);
        reject(new Error(`timed out after ${timeoutMs} ms: ${describe()}`));
      }, timeoutMs);
      const wake = () => {
        if (!check()) return;
        clearTimeout(timer);
        this.waiters.delete(wake);
        resolve(this.now());
      };
      this.waiters.add(wake);
    });
  }
}

/** `namespace/name`, or `name` for a cluster-scoped object. */
export function keyOf(o: KubernetesObject): string {
  return o.metadata?.namespace ? `${o.metadata.namespace}/${o.metadata.name}` : `${o.metadata?.name}`;
}
