import type { KubeObject } from '@fjord/k8s-yaml';
import { health, HealthStatusCode as H, type HealthStatus } from './health-status';
import { conditions, field, num } from './object';

/** Crossplane kinds that have no status of their own and are healthy as soon as they exist. */
const crossplaneStatusless = [
  'Composition',
  'CompositionRevision',
  'DeploymentRuntimeConfig',
  'ClusterProviderConfig',
  'ProviderConfig',
  'ProviderConfigUsage',
  'ControllerConfig',
];
const crossplaneReadyTypes = ['Ready', 'Healthy', 'Offered', 'Established', 'ValidPipeline', 'RevisionHealthy'];

function isEmpty(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'object' && Object.keys(value).length === 0);
}

/**
 * Crossplane (`*.crossplane.io`) and Upbound (`*.upbound.io`) resources, by their Synced/Ready conditions, as
 * Argo CD's bundled wildcard checks assess them.
 */
function crossplaneHealth(obj: KubeObject, readyTypes: string[], statusless: string[]): HealthStatus {
  const provisioning = health(H.Progressing, 'Provisioning ...');
  const status = field(obj, 'status');
  // Argo's script reads `status == nil or (empty and statusless)`: no status at all also counts as up to date.
  if (status === undefined || status === null || (isEmpty(status) && statusless.includes(obj.kind ?? ''))) {
    return health(H.Healthy, 'Resource is up-to-date.');
  }
  if (isEmpty(status) || field(status, 'conditions') === undefined) {
    const providerConfig = obj.kind === 'ProviderConfig' || obj.kind === 'ClusterProviderConfig';
    if (providerConfig && field(status, 'users') !== undefined) return health(H.Healthy, 'Resource is in use.');
    return provisioning;
  }
  let result = provisioning;
  for (const c of conditions(obj)) {
    if ((c.type === 'LastAsyncOperation' || c.type === 'Synced') && c.status === 'False') return health(H.Degraded, c.message);
    if (readyTypes.includes(c.type ?? '') && c.status === 'True') result = health(H.Healthy, 'Resource is up-to-date.');
  }
  return result;
}

/** AWS Controllers for Kubernetes (`*.services.k8s.aws`): ACK.Terminal means Degraded, Ready decides otherwise. */
function ackHealth(obj: KubeObject): HealthStatus {
  for (const c of conditions(obj)) {
    if (c.type === 'ACK.Terminal' && c.status === 'True') return health(H.Degraded, c.message);
    if (c.type === 'Ready' && c.status === 'False') return health(H.Progressing, c.message);
    if (c.type === 'Ready' && c.status === 'True') return health(H.Healthy);
  }
  return health(H.Progressing, 'Waiting for resource to be ready');
}

/** Google Config Connector (`*.cnrm.cloud.google.com`): condition reasons, once the status is current. */
function cnrmHealth(obj: KubeObject): HealthStatus {
  const observed = field(obj, 'status', 'observedGeneration');
  if (observed === undefined || observed === num(obj, ['metadata', 'generation'])) {
    if ((obj.kind === 'ConfigConnector' || obj.kind === 'ConfigConnectorContext') && typeof field(obj, 'status', 'healthy') === 'boolean') {
      const healthy = field(obj, 'status', 'healthy') === true;
      return health(healthy ? H.Healthy : H.Degraded, `${obj.kind} is ${healthy ? 'healthy' : 'not healthy'}`);
    }
    for (const c of conditions(obj)) {
      if (c.reason === 'UpToDate' && c.status === 'True') return health(H.Healthy, c.message);
      if (c.reason === 'UpdateFailed' || c.reason === 'DependencyNotFound') return health(H.Degraded, c.message);
      if (c.reason === 'DependencyNotReady') return health(H.Suspended, c.message);
    }
  }
  return health(H.Progressing, 'Update in progress');
}

/**
 * The condition-based checks Argo CD applies to whole API-group families (its wildcard resource customizations),
 * or undefined when the group is not one of them.
 */
export function conditionsHealthCheck(group: string): ((obj: KubeObject) => HealthStatus) | undefined {
  if (group.endsWith('.crossplane.io')) return (obj) => crossplaneHealth(obj, crossplaneReadyTypes, crossplaneStatusless);
  if (group.endsWith('.upbound.io')) return (obj) => crossplaneHealth(obj, ['Ready'], crossplaneStatusless.slice(3, 6));
  if (group.endsWith('.services.k8s.aws')) return ackHealth;
  if (group.endsWith('.cnrm.cloud.google.com')) return cnrmHealth;
  return undefined;
}
