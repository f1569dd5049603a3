import type { KubeObject } from '@fjord/k8s-yaml';
import { health, HealthStatusCode as H, type HealthStatus } from './health-status';
import { conditions } from './object';

/** Health of a batch/v1 Job from its conditions: Failed, Suspended, Complete; otherwise still running. */
export function jobHealth(obj: KubeObject): HealthStatus {
  let complete = false;
  let failed = false;
  let suspended = false;
  let message: string | undefined;
  let failMessage: string | undefined;
  for (const c of conditions(obj)) {
    if (c.type === 'Failed') {
      failed = complete = true;
      failMessage = c.message;
    } else if (c.type === 'Complete') {
      complete = true;
      message = c.message;
    } else if (c.type === 'Suspended') {
      complete = true;
      message = c.message;
      suspended = suspended || c.status === 'True';
    }
  }
  if (!complete) return health(H.Progressing, message);
  if (failed) return health(H.Degraded, failMessage);
  if (suspended) return health(H.Suspended, message);
  return health(H.Healthy, message);
}
