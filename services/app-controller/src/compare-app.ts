import { keyString } from '@fjord/argo';
import { diffResources, resourceKeyOf, setTracking, appSyncStatus, describeDrift, type ResourceDiff } from '@fjord/diff';
import { aggregateHealth, type AppHealth } from '@fjord/health';
import type { KubeObject } from '@fjord/k8s-yaml';
import type { ApplicationSpec } from '@fjord/argo';

/** What the cluster cache tells a comparison. */
export interface LiveView {
  managedBy(app: string): KubeObject[];
  get(key: { group: string; kind: string; namespace: string; name: string }): KubeObject | undefined;
  isNamespaced(group: string, kind: string): boolean | undefined;
}

/** The inputs of one comparison. */
export interface CompareInput {
  appName: string;
  spec: ApplicationSpec;
  /** The rendered objects, before tracking. */
  rendered: KubeObject[];
  live: LiveView;
  /** Server-side dry run of one desired object over its live version; undefined to fall back to normalisation. */
  predict?: (desired: KubeObject, live: KubeObject) => Promise<KubeObject | undefined>;
}

/** What a comparison found. */
export interface Comparison {
  desired: KubeObject[];
  resources: ResourceDiff[];
  syncStatus: string;
  health: AppHealth;
  images: string[];
}

/**
 * Compares an app's desired state with the cluster: tracking annotation and destination namespace added to the
 * rendered objects, live counterparts found (tracked or not), dry-run predictions where available, then diff and
 * health as Argo CD computes them.
 */
export async function compareApp(input: CompareInput): Promise<Comparison> {
  const namespace = input.spec.destination?.namespace ?? '';
  const isNamespaced = (g: string, k: string) => input.live.isNamespaced(g, k);
  const desired = input.rendered.map((obj) => {
    const withNs = foldStringData(structuredClone(obj));
    if (!withNs.metadata?.namespace && namespace && isNamespaced(groupOf(obj), String(obj.kind)) !== false) {
      withNs.metadata = { ...withNs.metadata, namespace };
    }
    return setTracking(withNs, { name: input.appName, destinationNamespace: namespace });
  });
  const live = [...input.live.managedBy(input.appName)];
  const seen = new Set(live.map((o) => keyString(resourceKeyOf(o, '', isNamespaced))));
  const dryRunResults = new Map<string, KubeObject>();
  await Promise.all(
    desired.map(async (obj) => {
      const key = resourceKeyOf(obj, namespace, isNamespaced);
      const k = keyString(key);
      const current = input.live.get(key);
      if (!current) return;
      if (!seen.has(k)) {
        live.push(current);
        seen.add(k);
      }
      const predicted = await input.predict?.(obj, current);
      if (predicted) dryRunResults.set(k, predicted);
    }),
  );
  const resources = diffResources(desired, live, {
    appName: input.appName,
    namespace,
    isNamespaced,
    ignoreDifferences: (input.spec.ignoreDifferences ?? []) as never,
    dryRunResults,
  });
  const liveByKey = new Map(live.map((o) => [keyString(resourceKeyOf(o, '', isNamespaced)), o]));
  const pairs = desired.map((d) => ({ desired: d, live: liveByKey.get(keyString(resourceKeyOf(d, namespace, isNamespaced))) }));
  for (const r of resources.filter((x) => x.requiresPruning)) pairs.push({ desired: undefined as never, live: liveByKey.get(keyString(r))! });
  return {
    desired,
    resources,
    syncStatus: appSyncStatus(resources),
    health: aggregateHealth(pairs, { appName: input.appName }),
    images: imagesOf(desired),
  };
}

/** Human lines "manager changed path at time" for a resource that drifted. */
export function driftLines(resource: ResourceDiff): string[] {
  return resource.modified ? resource.drift.slice(0, 10).map(describeDrift) : [];
}

/**
 * A Secret's `stringData` written as `data` (base64), as the API server stores it. Applying `data` makes Fjord the
 * owner of the stored fields, so a dry run is not mistaken for another writer's change, and diffs compare like
 * with like.
 */
export function foldStringData(obj: KubeObject): KubeObject {
  if (obj.apiVersion !== 'v1' || obj.kind !== 'Secret' || !obj.stringData || typeof obj.stringData !== 'object') return obj;
  const { stringData, ...rest } = obj as KubeObject & { stringData: Record<string, string>; data?: Record<string, string> };
  const data = { ...(rest.data ?? {}) };
  for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
  return { ...rest, data };
}

function groupOf(obj: KubeObject): string {
  const v = String(obj.apiVersion ?? '');
  return v.includes('/') ? v.slice(0, v.indexOf('/')) : '';
}

function imagesOf(objects: KubeObject[]): string[] {
  const images = new Set<string>();
  const visit = (node: unknown) => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'containers' || k === 'initContainers') && Array.isArray(v)) {
          for (const c of v) if (typeof c?.image === 'string') images.add(c.image);
        } else visit(v);
      }
    }
  };
  objects.forEach((o) => visit(o.spec));
  return [...images].sort();
}
