import type { KubeObject } from '@fjord/k8s-yaml';
import { health, HealthStatusCode as H, isHealthStatusCode, type HealthStatus } from './health-status';
import { str } from './object';

/**
 * Health of an argoproj.io Application managed by another app (app of apps): the child's own `status.health`, or
 * Progressing until it has one. This is the check Argo CD documents for restoring app-of-apps health.
 */
export function applicationHealth(obj: KubeObject): HealthStatus {
  const status = str(obj, 'status', 'health', 'status');
  if (!status) return health(H.Progressing);
  const message = str(obj, 'status', 'health', 'message');
  return isHealthStatusCode(status) ? health(status, message) : health(H.Unknown, message || `unknown health status "${status}"`);
}
