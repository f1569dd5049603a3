import type { KubeObject } from '@fjord/k8s-yaml';
import { apiServiceHealth } from './apiservice';
import { applicationHealth } from './application';
import { conditionsHealthCheck } from './conditions-health';
import { cronJobHealth } from './cronjob';
import { daemonSetHealth } from './daemonset';
import { deploymentHealth } from './deployment';
import { health, HealthStatusCode as H, type HealthStatus } from './health-status';
import { hasHookFinalizer } from './hook';
import { hpaHealth } from './hpa';
import { ingressHealth } from './ingress';
import { jobHealth } from './job';
import { field, groupOf } from './object';
import { podHealth } from './pod';
import { pvcHealth } from './pvc';
import { replicaSetHealth } from './replicaset';
import { serviceHealth } from './service';
import { statefulSetHealth } from './statefulset';
import { workflowHealth } from './workflow';

/** A health check for one kind: takes the live object, returns its health. */
export type HealthCheck = (obj: KubeObject) => HealthStatus;

/** Built-in checks keyed by `group/kind` (core group: `/kind`), with the API versions each understands. */
const builtIn: Record<string, { versions?: string[]; check: HealthCheck }> = {
  'apps/Deployment': { versions: ['v1'], check: deploymentHealth },
  'apps/StatefulSet': { versions: ['v1'], check: statefulSetHealth },
  'apps/DaemonSet': { versions: ['v1'], check: daemonSetHealth },
  'apps/ReplicaSet': { versions: ['v1'], check: replicaSetHealth },
  '/Pod': { versions: ['v1'], check: podHealth },
  '/Service': { versions: ['v1'], check: serviceHealth },
  '/PersistentVolumeClaim': { versions: ['v1'], check: pvcHealth },
  'networking.k8s.io/Ingress': { check: ingressHealth },
  'extensions/Ingress': { check: ingressHealth },
  'batch/Job': { versions: ['v1'], check: jobHealth },
  'batch/CronJob': { check: cronJobHealth },
  'autoscaling/HorizontalPodAutoscaler': { versions: ['v1', 'v2', 'v2beta1', 'v2beta2'], check: hpaHealth },
  'apiregistration.k8s.io/APIService': { versions: ['v1', 'v1beta1'], check: apiServiceHealth },
  'argoproj.io/Application': { check: applicationHealth },
  'argoproj.io/Workflow': { check: workflowHealth },
};

/** The health check Fjord has for a group and kind, or undefined when it has none. */
export function getHealthCheck(group: string, kind: string): HealthCheck | undefined {
  return builtIn[`${group}/${kind}`]?.check ?? conditionsHealthCheck(group);
}

/**
 * The health of a live object as Argo CD assesses it: Progressing while it is being deleted (hooks excepted), then
 * the check for its kind. Returns undefined for kinds with no check — such resources do not change an app's
 * health, which therefore stays Healthy (see aggregateHealth).
 */
export function getResourceHealth(obj: KubeObject): HealthStatus | undefined {
  if (field(obj, 'metadata', 'deletionTimestamp') && !hasHookFinalizer(obj)) return health(H.Progressing, 'Pending deletion');
  const apiVersion = obj.apiVersion ?? '';
  const group = groupOf(obj);
  const entry = builtIn[`${group}/${obj.kind ?? ''}`];
  if (entry) {
    const version = apiVersion.slice(apiVersion.indexOf('/') + 1);
    if (entry.versions && !entry.versions.includes(version)) {
      return health(H.Unknown, `unsupported ${obj.kind} GVK: ${group ? `${group}/` : ''}${version}, Kind=${obj.kind}`);
    }
    return safely(entry.check, obj);
  }
  const generic = conditionsHealthCheck(group);
  return generic ? safely(generic, obj) : undefined;
}

function safely(check: HealthCheck, obj: KubeObject): HealthStatus {
  try {
    return check(obj);
  } catch (err) {
    return health(H.Unknown, (err as Error).message);
  }
}
