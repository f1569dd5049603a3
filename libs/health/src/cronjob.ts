import type { KubeObject } from '@fjord/k8s-yaml';
import { health, HealthStatusCode as H, type HealthStatus } from './health-status';
import { field, list, str } from './object';

/**
 * Health of a batch/v1 CronJob, as Argo CD's bundled check assesses it: Degraded only when the last run finished
 * without success; a suspended CronJob is reported Healthy with a message (Argo CD does so on purpose, so that
 * suspending a CronJob does not suspend the whole app; argo-cd#24428).
 */
export function cronJobHealth(obj: KubeObject): HealthStatus {
  if (field(obj, 'spec', 'suspend') === true) return health(H.Healthy, 'CronJob is Suspended');
  const status = field(obj, 'status');
  if (status === undefined || status === null) return health(H.Progressing, 'Waiting for CronJob');
  const lastSchedule = str(obj, 'status', 'lastScheduleTime');
  if (!lastSchedule) return health(H.Healthy, 'CronJob has not been scheduled yet');
  const lastSuccess = str(obj, 'status', 'lastSuccessfulTime');
  if (!lastSuccess) return health(H.Healthy, 'The CronJob never completed successfully. It may not be healthy');
  if (list(obj, 'status', 'active').length > 0) {
    return health(H.Healthy, 'The job is running. Its last execution may not have been successful');
  }
  // RFC 3339 timestamps in UTC compare correctly as strings.
  if (lastSuccess < lastSchedule) return health(H.Degraded, 'CronJob has not completed its last execution successfully');
  return health(H.Healthy, 'CronJob has completed its last execution successfully');
}
