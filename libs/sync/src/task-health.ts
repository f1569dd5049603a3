import { OperationPhase, type ResourceResult } from '@fjord/argo';
import { getResourceHealth, HealthStatusCode } from '@fjord/health';
import type { KubeObject } from '@fjord/k8s-yaml';
import type { SyncTask } from './task';

/** The phase of a hook from its live object's health, as Argo CD reads it: Jobs and Pods run, then succeed or fail. */
export function hookPhaseOf(live: KubeObject): { phase: OperationPhase; message: string } {
  const health = getResourceHealth(live);
  const name = typeof live.metadata?.name === 'string' ? live.metadata.name : '';
  if (!health) return { phase: OperationPhase.Succeeded, message: `${name} created` };
  const message = health.message ?? '';
  switch (health.status) {
    case HealthStatusCode.Unknown:
    case HealthStatusCode.Degraded:
      return { phase: OperationPhase.Failed, message };
    case HealthStatusCode.Progressing:
    case HealthStatusCode.Suspended:
      return { phase: OperationPhase.Running, message };
    default:
      return { phase: OperationPhase.Succeeded, message };
  }
}

/**
 * A running task's result updated from its live object: a hook follows its health; a resource succeeds when Healthy
 * or when its kind has no health, fails when Degraded, and keeps running otherwise. Unchanged without a live object.
 */
export function refreshResult(task: SyncTask, result: ResourceResult, live: KubeObject | undefined): ResourceResult {
  if (result.hookPhase !== OperationPhase.Running || !live) return result;
  if (task.hookType) {
    const { phase, message } = hookPhaseOf(live);
    return { ...result, hookPhase: phase, ...(message ? { message } : {}) };
  }
  const health = getResourceHealth(live);
  if (!health) return { ...result, hookPhase: OperationPhase.Succeeded };
  if (health.status === HealthStatusCode.Healthy)
    return { ...result, hookPhase: OperationPhase.Succeeded, ...(health.message ? { message: health.message } : {}) };
  if (health.status === HealthStatusCode.Degraded)
    return { ...result, hookPhase: OperationPhase.Failed, ...(health.message ? { message: health.message } : {}) };
  return result;
}

/** Whether the object is being deleted. */
export function isTerminating(live: KubeObject | undefined): boolean {
  return typeof live?.metadata?.deletionTimestamp === 'string' && live.metadata.deletionTimestamp !== '';
}

/** Argo CD's "waiting for …" message for the tasks an operation waits on. */
export function waitingMessage(tasks: readonly SyncTask[], reason?: 'deletion' | 'pruneConfirmation'): string {
  const hooks = tasks.filter((t) => t.hookType);
  const resources = tasks.filter((t) => !t.hookType);
  let what = hooks.length > 0 ? 'completion of hook' : 'healthy state of';
  if (reason === 'deletion') what = hooks.length > 0 ? 'deletion of hook' : 'deletion of';
  if (reason === 'pruneConfirmation') what = 'pruning confirmation of';
  const first = hooks[0] ?? resources[0];
  let message = `waiting for ${what} ${first.key.group}/${first.key.kind}/${first.key.name}`;
  if (tasks.length > 1) message += ` and ${tasks.length - 1} more ${resources.length === 0 ? 'hooks' : 'resources'}`;
  return message;
}
