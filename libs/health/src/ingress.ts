import type { KubeObject } from '@fjord/k8s-yaml';
import { health, HealthStatusCode as H, type HealthStatus } from './health-status';
import { list } from './object';

/** Health of an Ingress (networking.k8s.io or extensions): Healthy once the controller reports an ingress point. */
export function ingressHealth(obj: KubeObject): HealthStatus {
  return health(list(obj, 'status', 'loadBalancer', 'ingress').length > 0 ? H.Healthy : H.Progressing);
}
