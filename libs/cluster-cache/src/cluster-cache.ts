import { setMaxListeners } from 'node:events';
import { keyString, TRACKING_ANNOTATION } from '@fjord/argo';
import { Semaphore } from '@fjord/platform';
import { sleep } from './backoff';
import { ChangeBatcher } from './change-batcher';
import { discoverApiResources, isWatchable, type DiscoveryResult } from './discovery';
import { DEFAULT_EXCLUSIONS, isExcluded, isGroupExcluded } from './exclusions';
import { KindWatcher, WatchEventType, type KindSink, type ObjectEventType } from './kind-watcher';
import { KubeClient } from './kube-client';
import { deletedKey, toLiveNode, type NodeOptions } from './live-node';
import { cacheMetrics, type CacheMetrics } from './metrics';
import { Rediscovery } from './rediscovery';
import { groupKindId } from './resource-key';
import { ResourceStore, type StoreChange } from './resource-store';
import type { ApiResourceInfo, CacheLogger, ChangeEvent, ClusterCacheOptions, GroupKind, KubeObject, ResourceKey, TreeNode } from './types';

/** Defaults of {@link ClusterCacheOptions}, in one place. */
export const CLUSTER_CACHE_DEFAULTS = {
  trackingAnnotation: TRACKING_ANNOTATION,
  listPageSize: 500,
  batchMs: 100,
  listConcurrency: 10,
  resyncMs: 12 * 60 * 60 * 1000,
} as const;

/** The kind whose changes make the cache rerun discovery. */
const CRD_KIND: GroupKind = { group: 'apiextensions.k8s.io', kind: 'CustomResourceDefinition' };
const CRD_KIND_ID = groupKindId(CRD_KIND);
/** The fields of a CustomResourceDefinition that decide what discovery serves. */
interface CrdView {
  metadata?: { name?: unknown };
  spec?: { group?: unknown; names?: { kind?: unknown }; scope?: string; versions?: { name: string; served?: boolean }[] };
  status?: { conditions?: { type?: string; status?: string }[] };
}
/** Discovery attempts before start() gives up. */
const START_DISCOVERY_ATTEMPTS = 3;

const SILENT: CacheLogger = { info() {}, warn() {}, debug() {} };

/** Counts for metrics and benchmarks. */
export interface ClusterCacheStats {
  kinds: number;
  resources: number;
  trackedResources: number;
  watches: number;
  relists: number;
}

type Phase = 'new' | 'starting' | 'running' | 'stopped';

/**
 * The live state of one cluster for the app-controller: every kind discovered at its preferred version, listed
 * (paged) and watched; full objects kept only for resources an app tracks, compact nodes for the rest; an
 * owner-reference tree per app; change notifications per app, batched. CRDs added or removed later are followed.
 */
export class ClusterCache {
  private readonly client: KubeClient;
  private readonly logger: CacheLogger;
  private readonly store: ResourceStore;
  private readonly batcher: ChangeBatcher;
  private readonly metrics: CacheMetrics;
  private readonly rediscovery: Rediscovery;
  private readonly listLimiter: Semaphore;
  private readonly nodeOptions: NodeOptions;
  private readonly exclusions: readonly GroupKind[];
  private readonly cluster: string;
  private readonly listeners = new Set<(e: ChangeEvent) => void>();
  private readonly watchers = new Map<string, KindWatcher>();
  private readonly retiring = new Set<Promise<void>>();
  private readonly crdSignatures = new Map<string, string>();
  private readonly failingGroups = new Set<string>();
  private readonly life = new AbortController();
  private resources = new Map<string, ApiResourceInfo>();
  private retiredRelists = 0;
  private phase: Phase = 'new';

  constructor(private readonly options: ClusterCacheOptions) {
    this.logger = options.logger ?? SILENT;
    // Every discovery request listens on the cache's life signal; dozens of groups are normal.
    setMaxListeners(0, this.life.signal);
    this.exclusions = options.exclusions ?? DEFAULT_EXCLUSIONS;
    this.nodeOptions = {
      trackingAnnotation: options.trackingAnnotation ?? CLUSTER_CACHE_DEFAULTS.trackingAnnotation,
      assessHealth: options.assessHealth,
    };
    this.listLimiter = new Semaphore(options.listConcurrency ?? CLUSTER_CACHE_DEFAULTS.listConcurrency);
    this.store = new ResourceStore((group, kind) => this.resources.get(groupKindId({ group, kind }))?.namespaced);
    this.client = new KubeClient(options.kubeConfig, { onRequest: (verb, code) => this.metrics.request(verb, code) });
    this.cluster = options.clusterName ?? this.client.serverUrl;
    this.metrics = cacheMetrics(options.registry, this.cluster, () => this.stats());
    this.batcher = new ChangeBatcher(options.batchMs ?? CLUSTER_CACHE_DEFAULTS.batchMs, (e) => this.deliver(e));
    this.rediscovery = new Rediscovery(() => this.rediscover(), this.logger);
  }

  /** Discovers every API resource (preferred versions; list+watch verbs; no subresources; exclusions skipped), lists each (paged) and starts watches. Resolves once every kind has been listed. */
  async start(): Promise<void> {
    if (this.phase !== 'new') throw new Error(`failed to start the cluster cache of ${this.cluster}: it was already started`);
    this.phase = 'starting';
    const began = Date.now();
    const discovered = await this.initialDiscovery();
    if (!discovered) return;
    this.applyDiscovery(discovered, true);
    await Promise.all([...this.watchers.values()].map((w) => w.synced));
    if (this.phase !== 'starting') return;
    this.phase = 'running';
    const s = this.stats();
    this.logger.info(
      { cluster: this.cluster, kinds: s.kinds, resources: s.resources, tracked: s.trackedResources, ms: Date.now() - began },
      'cluster cache synced',
    );
  }

  /** Ends every watch, retry and timer; the cache answers from its last state afterwards but no longer changes. */
  async stop(): Promise<void> {
    if (this.phase === 'stopped') return;
    this.phase = 'stopped';
    this.life.abort();
    this.batcher.stop();
    await this.rediscovery.stop();
    await Promise.all([...[...this.watchers.values()].map((w) => w.stop()), ...this.retiring]);
    this.client.close();
    this.metrics.dispose();
    this.listeners.clear();
  }

  /** Full live objects (managedFields included) whose tracking annotation names `app`, i.e. the app's managed resources. */
  managedBy(app: string): KubeObject[] {
    return this.store.managedBy(app);
  }

  /** The full live object of a tracked resource, or the live object of any resource if it is kept; undefined when absent. */
  get(key: ResourceKey): KubeObject | undefined {
    return this.store.get(keyString(key))?.object;
  }

  /** Whether a resource exists live (tracked or not). */
  has(key: ResourceKey): boolean {
    return this.store.get(keyString(key)) !== undefined;
  }

  /** The app's managed resources and all their descendants (by ownerReferences, transitively), with health. */
  tree(app: string): TreeNode[] {
    return this.store.tree(app);
  }

  /** Subscribes to changes; returns an unsubscribe function. */
  onChange(listener: (e: ChangeEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Discovery info for a group+kind (for applying and pruning), refreshed when CRDs change. */
  resourceInfo(group: string, kind: string): ApiResourceInfo | undefined {
    return this.resources.get(groupKindId({ group, kind }));
  }

  /** Counts for metrics and benchmarks. */
  stats(): ClusterCacheStats {
    let watches = 0;
    let relists = this.retiredRelists;
    for (const w of this.watchers.values()) {
      if (w.watching) watches++;
      relists += w.relists;
    }
    return { kinds: this.watchers.size, resources: this.store.size, trackedResources: this.store.trackedCount, watches, relists };
  }

  /** Drops every open watch and lists each kind again, as a 410 Gone would; for tests and recovery drills. */
  restartWatches(): void {
    for (const w of this.watchers.values()) w.restart();
  }

  /** Discovery for start(), retried a few times; undefined when stop() came first. */
  private async initialDiscovery(): Promise<DiscoveryResult | undefined> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await discoverApiResources(this.client, this.discoveryOptions());
      } catch (err) {
        if (this.life.signal.aborted) return undefined;
        if (attempt >= START_DISCOVERY_ATTEMPTS) {
          await this.stop();
          throw new Error(`failed to discover the API resources of ${this.cluster}: ${(err as Error).message}`, { cause: err });
        }
        this.logger.warn({ cluster: this.cluster, attempt, err: (err as Error).message }, 'failed to discover API resources; retrying');
        await sleep(500 * attempt, this.life.signal);
      }
    }
  }

  private discoveryOptions() {
    return { signal: this.life.signal, skipGroup: (group: string) => isGroupExcluded(group, this.exclusions) };
  }

  private async rediscover(): Promise<ReadonlySet<string>> {
    const result = await discoverApiResources(this.client, this.discoveryOptions());
    if (this.phase !== 'stopped') this.applyDiscovery(result, false);
    return new Set(this.resources.keys());
  }

  /** Adopts a discovery result: kinds of groups that failed to answer are kept; watchers start, restart or retire to match. */
  private applyDiscovery(result: DiscoveryResult, initial: boolean): void {
    const next = new Map<string, ApiResourceInfo>();
    for (const info of result.resources) {
      const id = groupKindId(info);
      if (!next.has(id)) next.set(id, info);
    }
    for (const [id, info] of this.resources) if (!next.has(id) && result.failedGroups.has(info.group)) next.set(id, info);
    this.reportFailingGroups(result.failedGroups);
    this.resources = next;
    for (const [id, watcher] of this.watchers) {
      const info = next.get(id);
      const keep = info && this.shouldWatch(info) && sameServing(info, watcher.info);
      if (!keep) this.retire(id, watcher, !info || !this.shouldWatch(info));
    }
    for (const [id, info] of next) if (this.shouldWatch(info) && !this.watchers.has(id)) this.watch(id, info, initial);
  }

  private shouldWatch(info: ApiResourceInfo): boolean {
    return isWatchable(info) && !isExcluded(info, this.exclusions);
  }

  private watch(id: string, info: ApiResourceInfo, initial: boolean): void {
    const watcher = new KindWatcher(info, {
      client: this.client,
      sink: this.sink,
      logger: this.logger,
      listLimiter: this.listLimiter,
      pageSize: this.options.listPageSize ?? CLUSTER_CACHE_DEFAULTS.listPageSize,
      resyncMs: this.options.resyncMs ?? CLUSTER_CACHE_DEFAULTS.resyncMs,
      quietFirstList: initial,
      onWatchEvent: (type) => this.metrics.watchEvent(id, type),
      onRelist: () => this.metrics.relist(id),
    });
    this.watchers.set(id, watcher);
    watcher.start();
    if (!initial) this.logger.info({ kind: id, version: info.version }, 'watching new kind');
  }

  /** Stops a kind's watcher; when the kind left the API, its objects are forgotten (and reported deleted). */
  private retire(id: string, watcher: KindWatcher, dropObjects: boolean): void {
    this.watchers.delete(id);
    this.retiredRelists += watcher.relists;
    const stopping = watcher.stop().finally(() => this.retiring.delete(stopping));
    this.retiring.add(stopping);
    if (dropObjects) this.notify(this.store.removeKind(id));
    this.logger.info({ kind: id, dropObjects }, 'stopped watching kind');
  }

  private reportFailingGroups(failed: Map<string, Error>): void {
    for (const [group, err] of failed) {
      if (!this.failingGroups.has(group)) this.logger.warn({ group, err: err.message }, 'failed to discover an API group; keeping its known kinds');
    }
    this.failingGroups.clear();
    for (const group of failed.keys()) this.failingGroups.add(group);
  }

  /** What the watchers call back into. */
  private readonly sink: KindSink = {
    toNode: (info, obj) => toLiveNode(obj, info, this.nodeOptions),
    replaceKind: (info, nodes, initialSync) => {
      // The initial sync of start() is the starting state, not news; a kind's first list after that is.
      const quiet = initialSync && this.phase === 'starting';
      const changes = this.store.replaceKind(groupKindId(info), nodes);
      if (!quiet) this.notify(changes);
      if (!quiet && groupKindId(info) === CRD_KIND_ID) this.rediscovery.request('CRDs listed again');
    },
    applyEvent: (info, type, obj) => {
      if (groupKindId(info) === CRD_KIND_ID) this.onCrdEvent(type, obj);
      const change = type === WatchEventType.Deleted ? this.store.remove(keyString(deletedKey(obj, info))) : this.store.upsert(this.sink.toNode(info, obj));
      if (change) this.notify([change]);
    },
    kindMissing: (info) => this.rediscovery.request('a kind answered 404', { kindId: groupKindId(info), present: false }),
  };

  /** Reruns discovery when a CRD's served shape changes: established, its versions, or deleted. */
  private onCrdEvent(type: ObjectEventType, obj: KubeObject): void {
    const crd = obj as CrdView;
    const group = crd.spec?.group;
    const kind = crd.spec?.names?.kind;
    const name = crd.metadata?.name;
    if (typeof group !== 'string' || typeof kind !== 'string' || typeof name !== 'string') return;
    const kindId = groupKindId({ group, kind });
    if (type === WatchEventType.Deleted) {
      this.crdSignatures.delete(name);
      this.rediscovery.request(`CRD ${name} deleted`, { kindId, present: false });
      return;
    }
    const established = (crd.status?.conditions ?? []).some((c) => c.type === 'Established' && c.status === 'True');
    const served = (crd.spec?.versions ?? []).filter((v) => v.served).map((v) => v.name);
    const signature = `${kindId}|${served.join(',')}|${established}|${crd.spec?.scope}`;
    if (this.crdSignatures.get(name) === signature) return;
    this.crdSignatures.set(name, signature);
    if (established) this.rediscovery.request(`CRD ${name} changed`, { kindId, present: true });
  }

  private notify(changes: StoreChange[]): void {
    if (this.phase === 'stopped') return;
    for (const c of changes) if (c.apps.length) this.batcher.add(c.type, c.key, c.apps);
  }

  private deliver(event: ChangeEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (err) {
        this.logger.warn({ err: (err as Error).message, apps: event.apps }, 'a change listener failed');
      }
    }
  }
}

/** Whether a kind is still served the way its watcher lists it. */
function sameServing(a: ApiResourceInfo, b: ApiResourceInfo): boolean {
  return a.version === b.version && a.plural === b.plural && a.namespaced === b.namespaced;
}
