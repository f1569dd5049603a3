import type { Semaphore } from '@fjord/platform';
import { Backoff, sleep } from './backoff';
import { isExpired, KubeApiError, KubeClient, RequestVerb } from './kube-client';
import type { LiveNode } from './live-node';
import { groupKindId } from './resource-key';
import type { ApiResourceInfo, CacheLogger, KubeObject } from './types';

/** The event types of a Kubernetes watch stream. */
export const WatchEventType = {
  Added: 'ADDED',
  Modified: 'MODIFIED',
  Deleted: 'DELETED',
  Bookmark: 'BOOKMARK',
  Error: 'ERROR',
} as const;

/** One of {@link WatchEventType}. */
export type WatchEventType = (typeof WatchEventType)[keyof typeof WatchEventType];

/** The watch events that carry an object. */
export type ObjectEventType = typeof WatchEventType.Added | typeof WatchEventType.Modified | typeof WatchEventType.Deleted;

/** Where a watcher delivers what it lists and watches. */
export interface KindSink {
  /** Converts one listed object to its node (called per item, so list pages are freed as they go). */
  toNode(info: ApiResourceInfo, obj: KubeObject): LiveNode;
  /** Replaces every cached object of the kind after a (re)list; `quiet` suppresses change notifications. */
  replaceKind(info: ApiResourceInfo, nodes: LiveNode[], quiet: boolean): void;
  /** Applies one watch event. */
  applyEvent(info: ApiResourceInfo, type: ObjectEventType, obj: KubeObject): void;
  /** The API answered 404 for the kind: discovery is stale. */
  kindMissing(info: ApiResourceInfo): void;
}

/** What a watcher needs besides its kind. */
export interface KindWatcherOptions {
  client: KubeClient;
  sink: KindSink;
  logger: CacheLogger;
  /** Bounds concurrent lists across kinds. */
  listLimiter: Semaphore;
  pageSize: number;
  /** List again when a watch renews and the last list is older than this (0: never). */
  resyncMs: number;
  /** Whether the first list's changes go unannounced (the cache's initial sync). */
  quietFirstList: boolean;
  onWatchEvent?: (type: WatchEventType) => void;
  onRelist?: () => void;
}

/** The server ends each watch after 5–10 min (randomised so that kinds do not renew in step). */
const MIN_WATCH_SECONDS = 300;
/** A watch that ends this fast without any event is treated as a failure, to avoid a hot loop. */
const QUICK_WATCH_MS = 1000;
/** Statuses that will not heal by retrying soon: the first list gives up waiting and start() goes on. */
const PERSISTENT_STATUSES = new Set([401, 403, 404, 405]);

interface WatchOutcome {
  resourceVersion: string;
  expired: boolean;
  quick: boolean;
}

/**
 * Keeps the cache of one kind equal to the cluster, as client-go's reflector does: a paged LIST, then a WATCH from
 * the list's resourceVersion with bookmarks; a watch the server ends is renewed from the last resourceVersion seen;
 * an expired one (410 Gone) or a forced restart lists again, and the relist removes objects that vanished meanwhile.
 * Errors back off exponentially and never escape.
 */
export class KindWatcher {
  /** Settles once the kind has been listed, or the first list failed with a status retrying will not fix. */
  readonly synced: Promise<void>;
  private markSynced!: () => void;
  private readonly life = new AbortController();
  private request?: AbortController;
  /** Set by restart(): where the loop resumes once the current request is aborted (undefined: a fresh list). */
  private pendingRestart?: { resumeFrom?: string };
  private lastResourceVersion = '';
  private loop?: Promise<void>;
  private lists = 0;
  private lastListAt = 0;
  private open = false;
  private readonly path: string;
  private readonly name: string;

  constructor(
    readonly info: ApiResourceInfo,
    private readonly options: KindWatcherOptions,
  ) {
    this.synced = new Promise((resolve) => (this.markSynced = resolve));
    const base = info.group ? `/apis/${info.group}/${info.version}` : `/api/${info.version}`;
    this.path = `${base}/${info.plural}`;
    this.name = groupKindId(info);
  }

  /** Starts listing and watching in the background. */
  start(): void {
    this.loop ??= this.run();
  }

  /** Ends the watch and any retry; resolves when the loop has exited. */
  async stop(): Promise<void> {
    this.life.abort();
    this.request?.abort();
    this.markSynced();
    await this.loop;
  }

  /**
   * Drops the open watch (or list) and lists again, as after a 410 Gone; with `resumeFrom`, watches again from that
   * resourceVersion instead, as after a dropped connection (a test seam for both recovery paths).
   */
  restart(options: { resumeFrom?: string } = {}): void {
    this.pendingRestart = { resumeFrom: options.resumeFrom };
    this.request?.abort();
  }

  /** The newest resourceVersion seen (list, event or bookmark). */
  get resourceVersion(): string {
    return this.lastResourceVersion;
  }

  /** Lists after the first one. */
  get relists(): number {
    return Math.max(0, this.lists - 1);
  }

  /** Whether a watch connection is open now. */
  get watching(): boolean {
    return this.open;
  }

  private async run(): Promise<void> {
    const backoff = new Backoff();
    let resourceVersion: string | undefined;
    while (!this.life.signal.aborted) {
      try {
        if (this.pendingRestart) {
          resourceVersion = this.pendingRestart.resumeFrom;
          this.pendingRestart = undefined;
        }
        if (resourceVersion === undefined) resourceVersion = await this.list();
        const outcome = await this.watch(resourceVersion);
        resourceVersion = outcome.expired || this.resyncDue() ? undefined : outcome.resourceVersion;
        if (outcome.quick) await sleep(backoff.next(), this.life.signal);
        else backoff.reset();
      } catch (err) {
        if (this.life.signal.aborted) break;
        if (this.pendingRestart) continue;
        if (isExpired(err)) resourceVersion = undefined;
        this.onFailure(err as Error);
        await sleep(backoff.next(), this.life.signal);
      }
    }
  }

  /** Lists every object of the kind page by page and hands the whole set to the sink; returns the list's resourceVersion. */
  private async list(): Promise<string> {
    return this.options.listLimiter.run(async () => {
      const signal = this.newRequest();
      const nodes: LiveNode[] = [];
      let resourceVersion = '';
      let token: string | undefined;
      do {
        const query = new URLSearchParams({ limit: String(this.options.pageSize) });
        if (token) query.set('continue', token);
        const page = await this.options.client.getJson<ListPage>(`${this.path}?${query}`, RequestVerb.List, signal);
        for (const item of page.items ?? []) nodes.push(this.options.sink.toNode(this.info, item));
        token = page.metadata?.continue || undefined;
        resourceVersion = page.metadata?.resourceVersion ?? resourceVersion;
      } while (token);
      const first = this.lists === 0;
      this.lists++;
      this.lastListAt = Date.now();
      if (!first) this.options.onRelist?.();
      this.options.sink.replaceKind(this.info, nodes, first && this.options.quietFirstList);
      this.lastResourceVersion = resourceVersion;
      this.markSynced();
      this.options.logger.debug({ kind: this.name, objects: nodes.length, relist: !first }, 'listed kind');
      return resourceVersion;
    });
  }

  /** Watches from `resourceVersion` until the server ends the stream; throws when it breaks. */
  private async watch(resourceVersion: string): Promise<WatchOutcome> {
    const seconds = MIN_WATCH_SECONDS + Math.floor(Math.random() * MIN_WATCH_SECONDS);
    const query = new URLSearchParams({ watch: 'true', allowWatchBookmarks: 'true', resourceVersion, timeoutSeconds: String(seconds) });
    const signal = this.newRequest();
    const started = Date.now();
    const state = { resourceVersion, expired: false, events: 0, failure: undefined as Error | undefined };
    this.open = true;
    try {
      await this.options.client.stream(`${this.path}?${query}`, signal, (seconds + 30) * 1000, (line) => this.onLine(line, state));
    } finally {
      this.open = false;
    }
    if (state.failure) throw state.failure;
    return { resourceVersion: state.resourceVersion, expired: state.expired, quick: state.events === 0 && Date.now() - started < QUICK_WATCH_MS };
  }

  private onLine(line: string, state: { resourceVersion: string; expired: boolean; events: number; failure?: Error }): void {
    let event: { type?: WatchEventType; object?: KubeObject & { code?: number; reason?: string; message?: string } };
    try {
      event = JSON.parse(line);
    } catch {
      this.options.logger.warn({ kind: this.name }, 'skipped an unparsable watch event');
      return;
    }
    const obj = event.object ?? {};
    state.events++;
    if (event.type) this.options.onWatchEvent?.(event.type);
    switch (event.type) {
      case WatchEventType.Bookmark:
        state.resourceVersion = resourceVersionOf(obj) ?? state.resourceVersion;
        this.lastResourceVersion = state.resourceVersion;
        return;
      case WatchEventType.Error:
        if (obj.code === 410 || obj.reason === 'Expired' || obj.reason === 'Gone') state.expired = true;
        else state.failure = new KubeApiError(`the watch of ${this.name} failed: ${obj.message ?? 'error event'}`, Number(obj.code ?? 0), obj.reason);
        return;
      case WatchEventType.Added:
      case WatchEventType.Modified:
      case WatchEventType.Deleted:
        try {
          this.options.sink.applyEvent(this.info, event.type, obj);
        } catch (err) {
          this.options.logger.warn({ kind: this.name, err: (err as Error).message }, 'failed to apply a watch event');
        }
        state.resourceVersion = resourceVersionOf(obj) ?? state.resourceVersion;
        this.lastResourceVersion = state.resourceVersion;
        return;
    }
  }

  private onFailure(err: Error): void {
    const status = err instanceof KubeApiError ? err.statusCode : undefined;
    if (isExpired(err)) {
      this.options.logger.debug({ kind: this.name }, 'resource version expired; listing again');
      return;
    }
    this.options.logger.warn({ kind: this.name, status, err: err.message }, 'failed to list or watch kind; retrying');
    if (status === 404) this.options.sink.kindMissing(this.info);
    if (status !== undefined && PERSISTENT_STATUSES.has(status)) this.markSynced();
  }

  private resyncDue(): boolean {
    return this.options.resyncMs > 0 && Date.now() - this.lastListAt >= this.options.resyncMs;
  }

  /** A fresh abort signal for the next request, already aborted when the watcher is stopping. */
  private newRequest(): AbortSignal {
    const controller = new AbortController();
    if (this.life.signal.aborted) controller.abort();
    this.request = controller;
    return controller.signal;
  }
}

interface ListPage {
  metadata?: { resourceVersion?: string; continue?: string };
  items?: KubeObject[];
}

/** The resourceVersion of a watched object, when it has one. */
function resourceVersionOf(obj: KubeObject): string | undefined {
  const value = obj.metadata?.resourceVersion;
  return typeof value === 'string' ? value : undefined;
}
