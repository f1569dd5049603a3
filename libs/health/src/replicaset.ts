import type { KubeObject } from '@fjord/k8s-yaml';
import { health, HealthStatusCode as H, type HealthStatus } from './health-status';
import { conditions, num, optNum } from './object';

/** Health of an apps/v1 ReplicaSet: observed generation, ReplicaFailure, then available replicas. */
export function replicaSetHealth(obj: KubeObject): HealthStatus {
  if (num(obj, ['metadata', 'generation']) > num(obj, ['status', 'observedGeneration'])) {
    return health(H.Progressing, 'Waiting for rollout to finish: observed replica set generation less than desired generation');
  }
  const failure = conditions(obj).find((c) => c.type === 'ReplicaFailure');
  if (failure?.status === 'True') return health(H.Degraded, failure.message);
  const wanted = optNum(obj, 'spec', 'replicas');
  const available = num(obj, ['status', 'availableReplicas']);
  if (wanted !== undefined && available < wanted) {
    return health(H.Progressing, `Waiting for rollout to finish: ${available} out of ${wanted} new replicas are available...`);
  }
  return health(H.Healthy);
}
