import type { KubeObject } from '@fjord/k8s-yaml';
import { health, HealthStatusCode as H, type HealthStatus } from './health-status';
import { nameOf, num, str } from './object';

/** Health of an apps/v1 DaemonSet: observed generation, then updated and available pods against desired. */
export function daemonSetHealth(obj: KubeObject): HealthStatus {
  if (num(obj, ['metadata', 'generation']) > num(obj, ['status', 'observedGeneration'])) {
    return health(H.Progressing, 'Waiting for rollout to finish: observed daemon set generation less than desired generation');
  }
  const desired = num(obj, ['status', 'desiredNumberScheduled']);
  const updated = num(obj, ['status', 'updatedNumberScheduled']);
  const available = num(obj, ['status', 'numberAvailable']);
  if (str(obj, 'spec', 'updateStrategy', 'type') === 'OnDelete') {
    return health(H.Healthy, `daemon set ${updated} out of ${desired} new pods have been updated`);
  }
  if (updated < desired) {
    return health(H.Progressing, `Waiting for daemon set "${nameOf(obj)}" rollout to finish: ${updated} out of ${desired} new pods have been updated...`);
  }
  if (available < desired) {
    return health(H.Progressing, `Waiting for daemon set "${nameOf(obj)}" rollout to finish: ${available} of ${desired} updated pods are available...`);
  }
  return health(H.Healthy);
}
