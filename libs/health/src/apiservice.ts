import type { KubeObject } from '@fjord/k8s-yaml';
import { health, HealthStatusCode as H, type HealthStatus } from './health-status';
import { conditions } from './object';

/** Health of an apiregistration.k8s.io APIService from its Available condition. */
export function apiServiceHealth(obj: KubeObject): HealthStatus {
  const available = conditions(obj).find((c) => c.type === 'Available');
  if (!available) return health(H.Progressing, 'Waiting to be processed');
  const message = `${available.reason ?? ''}: ${available.message ?? ''}`;
  return health(available.status === 'True' ? H.Healthy : H.Progressing, message);
}
