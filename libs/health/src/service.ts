import type { KubeObject } from '@fjord/k8s-yaml';
import { health, HealthStatusCode as H, type HealthStatus } from './health-status';
import { list, str } from './object';

/** Health of a v1 Service: only type LoadBalancer waits, until the load balancer reports an ingress point. */
export function serviceHealth(obj: KubeObject): HealthStatus {
  if (str(obj, 'spec', 'type') !== 'LoadBalancer') return health(H.Healthy);
  return health(list(obj, 'status', 'loadBalancer', 'ingress').length > 0 ? H.Healthy : H.Progressing);
}
