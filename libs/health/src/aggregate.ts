import type { KubeObject } from '@fjord/k8s-yaml';
import { health, HealthStatusCode as H, isWorse, type HealthStatus } from './health-status';
import { isHook, isIgnoredHook, isSkipHook } from './hook';
import { annotations, groupOf, nameOf, str } from './object';
import { getResourceHealth } from './resource-health';

/** Annotation that keeps a resource's health out of its app's health. */
export const IGNORE_HEALTHCHECK_ANNOTATION = 'argocd.argoproj.io/ignore-healthcheck';

/** How many causes the aggregated message names before "and N more". */
const MAX_CAUSES_SHOWN = 3;

/** One resource of an app: its desired form (from Git) and/or its live form (from the cluster). */
export interface AppResource {
  desired?: KubeObject;
  live?: KubeObject;
}

/** Identity of the Application being assessed, so that an app managing itself does not weigh on its own health. */
export interface AggregateHealthOptions {
  appName?: string;
  appNamespace?: string;
  /**
   * Count a missing resource like any other status (Argo CD before v3.2). By default, as Argo CD does now, missing
   * resources only make the app Missing when none of its resources exists (OutOfSync already says the rest).
   */
  countMissing?: boolean;
}

/** The health of one resource as aggregation saw it: undefined health for kinds with no check. */
export interface ResourceHealth {
  group: string;
  kind: string;
  namespace: string;
  name: string;
  health?: HealthStatus;
}

/** An app's aggregated health, the resources that caused it, and each resource's health. */
export interface AppHealth extends HealthStatus {
  resources: ResourceHealth[];
}

interface Ref {
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

function refOf(obj: KubeObject): Ref {
  return { group: groupOf(obj), kind: obj.kind ?? '', namespace: str(obj, 'metadata', 'namespace'), name: nameOf(obj) };
}

function formatCauses(causes: Ref[]): string | undefined {
  if (causes.length === 0) return undefined;
  const shown = causes.slice(0, MAX_CAUSES_SHOWN).map((c) => {
    const gk = c.group ? `${c.group}/${c.kind}` : c.kind;
    return `${gk}:${c.namespace ? `${c.namespace}/${c.name}` : c.name}`;
  });
  const more = causes.length > MAX_CAUSES_SHOWN ? ` and ${causes.length - MAX_CAUSES_SHOWN} more` : '';
  return `Caused by ${shown.join(', ')}${more}`;
}

/** Whether a resource takes part in health at all: hooks, skipped and ignored resources do not. */
function participates(res: AppResource): boolean {
  if (res.desired && (isSkipHook(res.desired) || isHook(res.desired))) return false;
  if (res.live && (isHook(res.live) || isIgnoredHook(res.live))) return false;
  return true;
}

function isSelf(ref: Ref, options: AggregateHealthOptions): boolean {
  return (
    ref.group === 'argoproj.io' &&
    ref.kind === 'Application' &&
    ref.name === options.appName &&
    (options.appNamespace === undefined || ref.namespace === options.appNamespace)
  );
}

/**
 * Aggregates an app's health from its resources as Argo CD does: the worst status wins (Healthy < Suspended <
 * Progressing < Missing < Degraded < Unknown); hooks, resources annotated `ignore-healthcheck: "true"`, kinds with
 * no check, and Missing/Unknown child Applications are left out; the app is Missing when none of its resources exists.
 */
export function aggregateHealth(resources: AppResource[], options: AggregateHealthOptions = {}): AppHealth {
  let status: HealthStatus['status'] = H.Healthy;
  let causes: Ref[] = [];
  let containsResources = false;
  let containsLive = false;
  const out: ResourceHealth[] = [];
  for (const res of resources) {
    const obj = res.live ?? res.desired;
    if (!obj || !participates(res)) continue;
    containsResources = true;
    containsLive = containsLive || res.live !== undefined;
    if (res.live && annotations(res.live)[IGNORE_HEALTHCHECK_ANNOTATION] === 'true') continue;
    const ref = refOf(obj);
    if (res.live && isSelf(ref, options)) continue;
    const resourceHealth = res.live ? getResourceHealth(res.live) : health(H.Missing);
    out.push({ ...ref, health: resourceHealth });
    if (!resourceHealth) continue;
    if (!res.live && !options.countMissing) continue;
    const childApp = ref.group === 'argoproj.io' && ref.kind === 'Application';
    if (childApp && (resourceHealth.status === H.Missing || resourceHealth.status === H.Unknown)) continue;
    if (isWorse(status, resourceHealth.status)) {
      status = resourceHealth.status;
      causes = [ref];
    } else if (status === resourceHealth.status && status !== H.Healthy) {
      causes.push(ref);
    }
  }
  if (containsResources && !containsLive && isWorse(status, H.Missing)) {
    status = H.Missing;
    causes = [];
  }
  return { ...health(status, formatCauses(causes)), resources: out };
}
