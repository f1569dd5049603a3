import { metricsOn } from '@fjord/platform';
import type { Registry } from 'prom-client';
import type { ComparisonObserver } from './app-comparison';

/** The controller's Prometheus metrics. */
export function createControllerMetrics(registry: Registry) {
  const metric = metricsOn(registry);
  return {
    appInfo: metric.gauge('fjord_app_info', 'One series per Application with its sync and health status (value 1).', [
      'namespace',
      'name',
      'project',
      'sync_status',
      'health_status',
    ]),
    reconcileDuration: metric.histogram(
      'fjord_app_reconcile_seconds',
      'Time to reconcile (compare) one Application.',
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
    ),
    reconciles: metric.counter('fjord_app_reconciles_total', 'Reconciles, by outcome.', ['outcome']),
    queueDepth: metric.gauge('fjord_queue_depth', 'Keys waiting in a work queue.', ['queue']),
    queueLatency: metric.histogram(
      'fjord_queue_wait_seconds',
      'How long a key waited in a queue before a processor took it.',
      [0.001, 0.01, 0.05, 0.1, 0.5, 1, 5, 30, 120],
      ['queue'],
    ),
    rendersRequested: metric.counter(
      'fjord_app_renders_requested_total',
      "Renders of an app's sources requested from the repo-server, by caller (status or operation).",
      ['caller'],
    ),
    comparisonsComputed: metric.counter(
      'fjord_app_comparisons_computed_total',
      'Comparisons of an app with the cluster computed (a remembered one still valid is reused, not counted), by caller.',
      ['caller'],
    ),
    kubeRequests: metric.counter('fjord_controller_kube_requests_total', 'Kubernetes API requests the controller made, by kind of request.', ['request']),
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
