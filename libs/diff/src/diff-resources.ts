import { COMPARE_OPTIONS_ANNOTATION, keyString, SyncStatus, type ResourceIgnoreDifferences, type ResourceKey } from '@fjord/argo';
import { isHook, isIgnoredHook, isSkipHook } from '@fjord/health';
import type { KubeObject } from '@fjord/k8s-yaml';
import { compareResource, type CompareOptions, type ResourceComparison } from './compare-resource';
import { compileIgnoreDifferences } from './ignore-differences';
import { isObject } from './json';
import { defaultIsNamespaced, resourceKeyOf, type IsNamespaced } from './resource-key';
import { IGNORE_EXTRANEOUS } from './sync-status';
import { getTracking, refersTo } from './tracking';

/** Options of an app's comparison. */
export interface DiffResourcesOptions extends Omit<CompareOptions, 'ignoreDifferences'> {
  /** The app's name as written in tracking ids; live objects tracked for it and not desired require pruning. */
  appName: string;
  /** The app's destination namespace, for desired namespaced objects that have none. */
  namespace?: string;
  /** Whether a kind is namespaced (from discovery); a built-in list of cluster-scoped kinds otherwise. */
  isNamespaced?: IsNamespaced;
  /** The app's `spec.ignoreDifferences` plus system-wide entries. */
  ignoreDifferences?: readonly ResourceIgnoreDifferences[];
  /** Server-side dry-run results of desired objects, keyed by `keyString(resourceKeyOf(desired, namespace))`. */
  dryRunResults?: ReadonlyMap<string, KubeObject>;
  /** Only live objects tracked with this installation id belong to the app. */
  installationID?: string;
}

/** The comparison of one resource of an app, in the shape of Argo CD's `status.resources[]` plus its diff. */
export interface ResourceDiff extends ResourceKey, ResourceComparison {
  version: string;
  /** Sync status; undefined for hooks, skipped resources and objects not really tracked by the app (Argo CD). */
  status?: SyncStatus;
  /** Whether the resource is live, tracked by this app, and no longer desired. */
  requiresPruning: boolean;
  hook: boolean;
  /** Whether this resource makes the app OutOfSync (false for extraneous ones marked IgnoreExtraneous). */
  affectsAppSync: boolean;
}

function hasCompareOption(obj: KubeObject, option: string): boolean {
  const annotations = isObject(obj.metadata?.annotations) ? (obj.metadata!.annotations as Record<string, string>) : {};
  return (annotations[COMPARE_OPTIONS_ANNOTATION] ?? '').split(',').some((o) => o.trim() === option);
}

const versionOf = (obj: KubeObject) => (obj.apiVersion ?? '').slice((obj.apiVersion ?? '').indexOf('/') + 1);

/** Pairs desired objects with live ones by key; adds live objects tracked by the app that are no longer desired. */
function reconcile(desired: readonly KubeObject[], live: readonly KubeObject[], options: DiffResourcesOptions) {
  const isNamespaced = options.isNamespaced ?? defaultIsNamespaced;
  const liveByKey = new Map(live.map((obj) => [keyString(resourceKeyOf(obj, '', isNamespaced)), obj]));
  const pairs = new Map<string, { key: ResourceKey; desired?: KubeObject; live?: KubeObject }>();
  for (const obj of desired) {
    if (isHook(obj)) continue;
    const key = resourceKeyOf(obj, options.namespace ?? '', isNamespaced);
    pairs.set(keyString(key), { key, desired: obj, live: liveByKey.get(keyString(key)) });
  }
  const extraneous = [...liveByKey].filter(([k, obj]) => !pairs.has(k) && getTracking(obj, options.installationID)?.app === options.appName);
  extraneous.sort(([a], [b]) => a.localeCompare(b));
  for (const [k, obj] of extraneous) pairs.set(k, { key: resourceKeyOf(obj, '', isNamespaced), live: obj });
  return [...pairs.entries()];
}

/**
 * Compares an app's desired objects with the live ones as Argo CD's controller does: each desired object with the
 * live object of the same key (Missing → OutOfSync), plus live objects tracked by the app and no longer desired
 * (OutOfSync, requiresPruning, unless IgnoreExtraneous). Hooks and `hook: Skip` objects get no status.
 */
export function diffResources(desired: readonly KubeObject[], live: readonly KubeObject[], options: DiffResourcesOptions): ResourceDiff[] {
  const compareOptions: CompareOptions = { ...options, ignoreDifferences: compileIgnoreDifferences(options.ignoreDifferences) };
  return reconcile(desired, live, options).map(([k, pair]) => {
    const comparison = compareResource(pair.key, pair.desired, pair.live, compareOptions, options.dryRunResults?.get(k));
    const obj = (pair.live ?? pair.desired)!;
    const hook = pair.live !== undefined && isHook(pair.live);
    const tracking = pair.live && !pair.desired ? getTracking(pair.live, options.installationID) : undefined;
    const selfReferenced = tracking === undefined || refersTo(tracking, pair.live!);
    const untracked = hook || isIgnoredHook(obj) || (pair.desired !== undefined && isSkipHook(pair.desired)) || !selfReferenced;
    const needsPruning = !pair.desired && pair.live !== undefined;
    let status: SyncStatus | undefined;
    let affectsAppSync = false;
    if (!untracked) {
      const outOfSync = comparison.modified || needsPruning || !pair.live;
      status = outOfSync ? SyncStatus.OutOfSync : SyncStatus.Synced;
      affectsAppSync = outOfSync && !(needsPruning && hasCompareOption(obj, IGNORE_EXTRANEOUS));
    }
    return {
      ...pair.key,
      version: versionOf(obj),
      status,
      requiresPruning: needsPruning && selfReferenced && !hook,
      hook,
      affectsAppSync,
      modified: comparison.modified,
      normalizedLive: comparison.normalizedLive,
      predictedLive: comparison.predictedLive,
      drift: comparison.drift,
      get diff() {
        return comparison.diff; // YAML text, made only if someone reads it
      },
    };
  });
}

/** The app's sync status from its resources: OutOfSync if any resource makes it so, Unknown if comparison failed. */
export function appSyncStatus(resources: readonly ResourceDiff[], options: { comparisonFailed?: boolean } = {}): SyncStatus {
  if (options.comparisonFailed) return SyncStatus.Unknown;
  return resources.some((r) => r.affectsAppSync) ? SyncStatus.OutOfSync : SyncStatus.Synced;
}
