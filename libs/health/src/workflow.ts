import type { KubeObject } from '@fjord/k8s-yaml';
import { health, HealthStatusCode as H, type HealthStatus } from './health-status';
import { str } from './object';

/** Health of an Argo Workflow (argoproj.io Workflow) by its phase, a check gitops-engine has built in. */
export function workflowHealth(obj: KubeObject): HealthStatus {
  const message = str(obj, 'status', 'message');
  switch (str(obj, 'status', 'phase')) {
    case '':
    case 'Pending':
    case 'Running':
      return health(H.Progressing, message);
    case 'Succeeded':
      return health(H.Healthy, message);
    case 'Failed':
    case 'Error':
      return health(H.Degraded, message);
  }
  return health(H.Unknown, message);
}
