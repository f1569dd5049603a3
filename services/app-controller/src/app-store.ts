import { makeInformer, type Informer, type KubeConfig, type KubernetesListObject, type KubernetesObject } from '@kubernetes/client-node';
import type { Logger } from '@fjord/platform';
import { appKey, type Application } from '@fjord/argo';
import type { KubeClient } from './kube-client';
import { isNotFound } from './object-request-error';

/** What changed about an app, so the controller can decide whether to refresh it. */
export interface AppEvent {
  type: 'add' | 'update' | 'delete';
  app: Application;
  previous?: Application;
}

const group = 'argoproj.io';
const version = 'v1alpha1';
const plural = 'applications';
const apiVersion = `${group}/${version}`;
const kind = 'Application';

/**
 * A watch-backed view of the Applications in the namespaces Fjord serves (its own namespace, or all with
 * `--application-namespaces`), re-listed by the informer when a watch expires.
 */
export class AppStore {
  private readonly apps = new Map<string, Application>();
  /** Keys by app name: resources carry only the name in their tracking id, and are looked up on every change. */
  private readonly byName = new Map<string, Set<string>>();
  private readonly informers: Informer<KubernetesObject>[] = [];
  private stopped = false;

  constructor(
    private readonly kc: KubeConfig,
    private readonly client: KubeClient,
    private readonly namespaces: string[] | 'all',
    private readonly logger: Logger,
  ) {}

  /** Starts the watches; resolves once the first list of each has arrived. */
  async start(onEvent: (e: AppEvent) => void): Promise<void> {
    const targets = this.namespaces === 'all' ? [undefined] : this.namespaces;
    for (const namespace of targets) {
      const path = namespace ? `/apis/${group}/${version}/namespaces/${namespace}/${plural}` : `/apis/${group}/${version}/${plural}`;
      const list = () => this.client.list(apiVersion, kind, namespace) as Promise<KubernetesListObject<KubernetesObject>>;
      const informer = makeInformer(this.kc, path, list);
      informer.on('add', (o) => this.put('add', o as unknown as Application, onEvent));
      informer.on('update', (o) => this.put('update', o as unknown as Application, onEvent));
      informer.on('delete', (o) => {
        const app = o as unknown as Application;
        this.apps.delete(appKey(app));
        const keys = this.byName.get(app.metadata.name);
        keys?.delete(appKey(app));
        if (keys?.size === 0) this.byName.delete(app.metadata.name);
        onEvent({ type: 'delete', app });
      });
      informer.on('error', (err: unknown) => {
        if (this.stopped) return;
        this.logger.warn({ err: (err as Error)?.message ?? String(err), path }, 'application watch failed; restarting');
        setTimeout(() => {
          if (!this.stopped) void informer.start().catch(() => undefined);
        }, 1000).unref();
      });
      await informer.start();
      this.informers.push(informer);
    }
  }

  private put(type: 'add' | 'update', app: Application, onEvent: (e: AppEvent) => void): void {
    const key = appKey(app);
    const previous = this.apps.get(key);
    this.apps.set(key, app);
    let keys = this.byName.get(app.metadata.name);
    if (!keys) this.byName.set(app.metadata.name, (keys = new Set()));
    keys.add(key);
    onEvent({ type, app, previous });
  }

  /** The apps called `name`, in any namespace served. */
  named(name: string): Application[] {
    return [...(this.byName.get(name) ?? [])].map((key) => this.apps.get(key)!).filter(Boolean);
  }

  /**
   * The app as the API server has it now, or undefined when it is gone. The watch may lag behind the controller's
   * own writes: an operation step must not start from a copy that predates the end of the previous one.
   */
  async read(key: string): Promise<Application | undefined> {
    const [namespace, name] = key.split('/');
    try {
      return (await this.client.get({ apiVersion, kind, metadata: { namespace, name } })) as unknown as Application;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
  }

  /** The newest version of an app, or undefined if it is gone. */
  get(key: string): Application | undefined {
    return this.apps.get(key);
  }

  /** Every app known now. */
  list(): Application[] {
    return [...this.apps.values()];
  }

  /** Stops every watch. */
  async stop(): Promise<void> {
    this.stopped = true;
    await Promise.all(this.informers.map((i) => i.stop()));
  }
}
