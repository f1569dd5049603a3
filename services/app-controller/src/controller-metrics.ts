import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { ComparisonObserver } from './app-comparison';

/** The controller's Prometheus metrics. */
export function createControllerMetrics(registry: Registry) {
  const registers = [registry];
  return {
    appInfo: new Gauge({
      name: 'fjord_app_info',
      help: 'One series per Application with its sync and health status (value 1).',
      labelNames: ['namespace', 'name', 'project', 'sync_status', 'health_status'] as const,
      registers,
    }),
    reconcileDuration: new Histogram({
      name: 'fjord_app_reconcile_seconds',
      help: 'Time to reconcile (compare) one Application.',
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers,
    }),
    reconciles: new Counter({ name: 'fjord_app_reconciles_total', help: 'Reconciles, by outcome.', labelNames: ['outcome'] as const, registers }),
    queueDepth: new Gauge({ name: 'fjord_queue_depth', help: 'Keys waiting in a work queue.', labelNames: ['queue'] as const, registers }),
    queueLatency: new Histogram({
      name: 'fjord_queue_wait_seconds',
      help: 'How long a key waited in a queue before a processor took it.',
      labelNames: ['queue'] as const,
      buckets: [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
      registers,
    }),
    rendersRequested: new Counter({
      name: 'fjord_app_renders_requested_total',
      help: "Renders of an app's sources requested from the repo-server, by caller (status or operation).",
      labelNames: ['caller'] as const,
      registers,
    }),
    comparisonsComputed: new Counter({
      name: 'fjord_app_comparisons_computed_total',
      help: 'Comparisons of an app with the cluster computed (a remembered one still valid is reused, not counted), by caller.',
      labelNames: ['caller'] as const,
      registers,
    }),
    kubeRequests: new Counter({
      name: 'fjord_controller_kube_requests_total',
      help: 'Kubernetes API requests the controller made, by kind of request.',
      labelNames: ['request'] as const,
      registers,
    }),
  };
}

/** The controller's metrics, as created by createControllerMetrics. */
export type ControllerMetrics = ReturnType<typeof createControllerMetrics>;

/** The comparer's observer that counts renders and computed comparisons in the controller's metrics. */
export function comparisonCounters(metrics: ControllerMetrics): ComparisonObserver {
  return {
    rendered: (caller) => metrics.rendersRequested.inc({ caller }),
    computed: (caller) => metrics.comparisonsComputed.inc({ caller }),
  };
}
