import { metricsOn } from '@fjord/platform';
import { Gauge, type Counter, type Registry } from 'prom-client';

/** What one cache reports for the gauges, read at scrape time. */
export interface CacheGauges {
  resources: number;
  trackedResources: number;
  kinds: number;
  watches: number;
}

/** The counters one cache increments, already bound to its cluster. */
export interface CacheMetrics {
  watchEvent(kind: string, type: string): void;
  relist(kind: string): void;
  request(verb: string, code: number): void;
  /** Stops reporting this cache's gauges. */
  dispose(): void;
}

interface Shared {
  watchEvents: Counter<'cluster' | 'kind' | 'type'>;
  relists: Counter<'cluster' | 'kind'>;
  requests: Counter<'cluster' | 'verb' | 'code'>;
  sources: Map<string, () => CacheGauges>;
}

/** One set of metrics per registry, shared by the caches of every cluster registered on it. */
const perRegistry = new WeakMap<Registry, Shared>();

const NOOP: CacheMetrics = { watchEvent() {}, relist() {}, request() {}, dispose() {} };

/** Registers (once per registry) and binds the cache metrics to a cluster; a no-op without a registry. */
export function cacheMetrics(registry: Registry | undefined, cluster: string, gauges: () => CacheGauges): CacheMetrics {
  if (!registry) return NOOP;
  let shared = perRegistry.get(registry);
  if (!shared) perRegistry.set(registry, (shared = register(registry)));
  const { watchEvents, relists, requests, sources } = shared;
  sources.set(cluster, gauges);
  return {
    watchEvent: (kind, type) => watchEvents.inc({ cluster, kind, type }),
    relist: (kind) => relists.inc({ cluster, kind }),
    request: (verb, code) => requests.inc({ cluster, verb, code: String(code) }),
    dispose: () => {
      if (sources.get(cluster) === gauges) sources.delete(cluster);
    },
  };
}

function register(registry: Registry): Shared {
  const sources = new Map<string, () => CacheGauges>();
  const gauge = (name: string, help: string, pick: (g: CacheGauges) => number) =>
    new Gauge({
      name,
      help,
      labelNames: ['cluster'] as const,
      registers: [registry],
      collect() {
        this.reset();
        for (const [cluster, read] of sources) this.set({ cluster }, pick(read()));
      },
    });
  gauge('fjord_cluster_cache_resources', 'Live resources in the cluster cache.', (g) => g.resources);
  gauge('fjord_cluster_cache_tracked_resources', 'Cached resources an app tracks (full objects kept).', (g) => g.trackedResources);
  gauge('fjord_cluster_cache_kinds', 'Kinds the cluster cache lists and watches.', (g) => g.kinds);
  gauge('fjord_cluster_cache_watches', 'Watch connections open now.', (g) => g.watches);
  const metric = metricsOn(registry);
  return {
    sources,
    watchEvents: metric.counter('fjord_cluster_cache_watch_events_total', 'Watch events received, by kind and event type.', ['cluster', 'kind', 'type']),
    relists: metric.counter('fjord_cluster_cache_relists_total', 'Lists of a kind after its first (expired resource versions, restarts, resyncs).', [
      'cluster',
      'kind',
    ]),
    requests: metric.counter(
      'fjord_cluster_cache_k8s_requests_total',
      'Requests to the Kubernetes API by the cluster cache, by verb (discovery, list, watch) and HTTP status (0: no response).',
      ['cluster', 'verb', 'code'],
    ),
  };
}
