import type { KubeObject } from '@fjord/k8s-yaml';
import { health, HealthStatusCode as H, type HealthStatus } from './health-status';
import { conditions, field, nameOf, num, optNum } from './object';

/** Health of an apps/v1 Deployment: paused, progress deadline, then kubectl's rollout-status rules. */
export function deploymentHealth(obj: KubeObject): HealthStatus {
  if (field(obj, 'spec', 'paused') === true) return health(H.Suspended, 'Deployment is paused');
  if (num(obj, ['metadata', 'generation']) > num(obj, ['status', 'observedGeneration'])) {
    return health(H.Progressing, 'Waiting for rollout to finish: observed deployment generation less than desired generation');
  }
  const progressing = conditions(obj).find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') {
    return health(H.Degraded, `Deployment "${nameOf(obj)}" exceeded its progress deadline`);
  }
  const wanted = optNum(obj, 'spec', 'replicas');
  const replicas = num(obj, ['status', 'replicas']);
  const updated = num(obj, ['status', 'updatedReplicas']);
  const available = num(obj, ['status', 'availableReplicas']);
  if (wanted !== undefined && updated < wanted) {
    return health(H.Progressing, `Waiting for rollout to finish: ${updated} out of ${wanted} new replicas have been updated...`);
  }
  if (replicas > updated) {
    return health(H.Progressing, `Waiting for rollout to finish: ${replicas - updated} old replicas are pending termination...`);
  }
  if (available < updated) {
    return health(H.Progressing, `Waiting for rollout to finish: ${available} of ${updated} updated replicas are available...`);
  }
  return health(H.Healthy);
}
