import { CustomObjectsApi, makeInformer, type Informer, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from '@fjord/platform';
import type { Application } from '@fjord/argo';

/** Kinds of change in the stream, as Kubernetes (and Argo CD's stream) name them. */
export const WatchEventType = { Added: 'ADDED', Modified: 'MODIFIED', Deleted: 'DELETED' } as const;
export type WatchEventType = (typeof WatchEventType)[keyof typeof WatchEventType];

/** One change of one app. */
export interface AppChange {
  type: WatchEventType;
  application: Application;
}

/**
 * One watch of the Applications in Fjord's namespace, shared by every stream subscriber (the UI and `app wait`),
 * so a thousand open streams cost one watch. Restarted when it breaks.
 */
export class AppWatch {
  private readonly listeners = new Set<(change: AppChange) => void>();
  private informer?: Informer<KubernetesObject>;
  private stopped = false;

  constructor(
    private readonly kc: KubeConfig,
    private readonly namespace: string,
    private readonly logger: Logger,
  ) {}

  /** Starts the watch; resolves after the first list. */
  async start(): Promise<void> {
    const api = this.kc.makeApiClient(CustomObjectsApi);
    const base = { group: 'argoproj.io', version: 'v1alpha1', namespace: this.namespace, plural: 'applications' };
    const informer = makeInformer(
      this.kc,
      `/apis/argoproj.io/v1alpha1/namespaces/${this.namespace}/applications`,
      () => api.listNamespacedCustomObject(base) as never,
    );
    const emit = (type: WatchEventType) => (obj: KubernetesObject) => {
      for (const listener of this.listeners) listener({ type, application: obj as unknown as Application });
    };
    informer.on('add', emit(WatchEventType.Added));
    informer.on('update', emit(WatchEventType.Modified));
    informer.on('delete', emit(WatchEventType.Deleted));
    informer.on('error', (err: unknown) => {
      if (this.stopped) return;
      this.logger.warn({ err: (err as Error)?.message ?? String(err) }, 'application watch failed; restarting');
      setTimeout(() => void informer.start().catch(() => undefined), 1000).unref();
    });
    await informer.start();
    this.informer = informer;
  }

  /** Calls `listener` on every change until the returned function is called. */
  subscribe(listener: (change: AppChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The apps known now (for a stream's initial state). */
  current(): Application[] {
    return (this.informer && 'list' in this.informer ? (this.informer as unknown as { list(): KubernetesObject[] }).list() : []) as unknown as Application[];
  }

  /** Stops the watch. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.listeners.clear();
    await this.informer?.stop();
  }
}
