import { getTracking, refersTo } from '@fjord/diff';
import type { KubeObject } from '@fjord/k8s-yaml';
import type { SyncPlan } from './plan';
import { TaskAction, type SyncTask } from './task';

/** A resource a sync would apply whose live object another app tracks. */
export interface SharedResource {
  task: SyncTask;
  /** The app named by the live object's tracking annotation. */
  otherApp: string;
}

/**
 * The apply tasks of a plan whose live object is tracked by an app other than `appName`: its tracking annotation
 * names the other app and really refers to the object (an id copied onto another object does not count).
 */
export function findSharedResources(plan: SyncPlan, appName: string, live: (task: SyncTask) => KubeObject | undefined): SharedResource[] {
  const shared: SharedResource[] = [];
  for (const task of [...plan.tasks, ...plan.syncFailTasks]) {
    if (task.action !== TaskAction.Apply) continue;
    const obj = live(task);
    const id = obj && getTracking(obj);
    if (id && id.app !== appName && refersTo(id, obj)) shared.push({ task, otherApp: id.app });
  }
  return shared;
}

/** Argo CD's SharedResourceWarning text for one shared resource: `<Kind>/<name> is part of applications <app> and <other>`. */
export function sharedResourceWarning(appName: string, shared: SharedResource): string {
  return `${shared.task.key.kind}/${shared.task.key.name} is part of applications ${appName} and ${shared.otherApp}`;
}

/**
 * `FailOnSharedResource=true`: the message the operation fails with before anything is applied when a resource to
 * apply is tracked by another app (Argo CD names the first one found), or undefined when the sync may go on.
 */
export function sharedResourceFailure(plan: SyncPlan, appName: string, live: (task: SyncTask) => KubeObject | undefined): string | undefined {
  if (!plan.options.failOnSharedResource) return undefined;
  const [first] = findSharedResources(plan, appName, live);
  return first ? `Shared resource found: ${sharedResourceWarning(appName, first)}` : undefined;
}
