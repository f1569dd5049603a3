import { metricsOn } from '@fjord/platform';
import type { Counter, Gauge, Histogram, Registry } from 'prom-client';

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
  const metric = metricsOn(registry);
  return {
    gitRequests: metric.counter('fjord_git_requests_total', 'Git network operations (ls-remote, fetch), by outcome.', ['op', 'outcome']),
    gitDuration: metric.histogram(
      'fjord_git_request_seconds',
      'Duration of Git network operations.',
      [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      ['op'],
    ),
    renders: metric.counter('fjord_repo_renders_total', 'Manifest renders (cache misses that ran a renderer), by source type and outcome.', [
      'source_type',
      'outcome',
    ]),
    renderDuration: metric.histogram(
      'fjord_repo_render_seconds',
      'Time to check out and render a source.',
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      ['source_type'],
    ),
    rendersInFlight: metric.gauge('fjord_repo_renders_in_flight', 'Renders running now.'),
    renderLimits: metric.counter(
      'fjord_repo_render_limit_exceeded_total',
      'Renders stopped for breaking a limit (time, memory, engine), which failed only their request.',
      ['limit'],
    ),
    cacheLookups: metric.counter(
      'fjord_repo_manifest_cache_total',
      'Manifest cache lookups: hit, miss, or reuse (a new commit that changed nothing the app reads).',
      ['result'],
    ),
  };
}
