import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** Prometheus metrics of the repo-server: Git requests, renders and the manifest cache. */
export interface RepoMetrics {
  gitRequests: Counter<'op' | 'outcome'>;
  gitDuration: Histogram<'op'>;
  renders: Counter<'source_type' | 'outcome'>;
  renderDuration: Histogram<'source_type'>;
  rendersInFlight: Gauge;
  renderLimits: Counter<'limit'>;
  cacheLookups: Counter<'result'>;
}

/** Registers the repo-server's metrics on the service's registry. */
export function createRepoMetrics(registry: Registry): RepoMetrics {
  const registers = [registry];
  return {
    gitRequests: new Counter({
      name: 'fjord_git_requests_total',
      help: 'Git network operations (ls-remote, fetch), by outcome.',
      labelNames: ['op', 'outcome'] as const,
      registers,
    }),
    gitDuration: new Histogram({
      name: 'fjord_git_request_seconds',
      help: 'Duration of Git network operations.',
      labelNames: ['op'] as const,
      buckets: [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    }),
    renders: new Counter({
      name: 'fjord_repo_renders_total',
      help: 'Manifest renders (cache misses that ran a renderer), by source type and outcome.',
      labelNames: ['source_type', 'outcome'] as const,
      registers,
    }),
    renderDuration: new Histogram({
      name: 'fjord_repo_render_seconds',
      help: 'Time to check out and render a source.',
      labelNames: ['source_type'] as const,
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    }),
    rendersInFlight: new Gauge({ name: 'fjord_repo_renders_in_flight', help: 'Renders running now.', registers }),
    renderLimits: new Counter({
      name: 'fjord_repo_render_limit_exceeded_total',
      help: 'Renders stopped for breaking a limit (time, memory, engine), which failed only their request.',
      labelNames: ['limit'] as const,
      registers,
    }),
    cacheLookups: new Counter({
      name: 'fjord_repo_manifest_cache_total',
      help: 'Manifest cache lookups: hit, miss, or reuse (a new commit that changed nothing the app reads).',
      labelNames: ['result'] as const,
      registers,
    }),
  };
}
