import type { KubeObject } from '@fjord/k8s-yaml';
import { health, HealthStatusCode as H, type HealthStatus } from './health-status';
import { str } from './object';

const byPhase: Record<string, HealthStatus['status']> = { Bound: H.Healthy, Pending: H.Progressing, Lost: H.Degraded };

/** Health of a v1 PersistentVolumeClaim by phase: Bound, Pending, Lost; anything else is Unknown. */
export function pvcHealth(obj: KubeObject): HealthStatus {
  return health(byPhase[str(obj, 'status', 'phase')] ?? H.Unknown);
}
