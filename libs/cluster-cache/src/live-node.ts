import { groupOfApiVersion, keyString, type AppHealthStatus } from '@fjord/argo';
import { keyOfObject } from './resource-key';
import { trackingApp } from './tracking';
import type { ApiResourceInfo, KubeObject, ResourceKey } from './types';

/** An owner reference, reduced to what the tree needs. */
export interface OwnerLink {
  uid: string;
  group: string;
  kind: string;
  name: string;
}

/**
 * What the cache keeps of one live resource: always the compact facts the tree needs, and the full object only
 * when an app tracks it.
 */
export interface LiveNode {
  id: string;
  key: ResourceKey;
  version: string;
  uid: string;
  resourceVersion: string;
  owners: OwnerLink[];
  health?: AppHealthStatus;
  images: string[];
  createdAt?: string;
  /** The app whose tracking id names this resource. */
  app?: string;
  /** The full live object (managedFields included), for tracked resources only. */
  object?: KubeObject;
}

/** How objects become nodes. */
export interface NodeOptions {
  trackingAnnotation: string;
  assessHealth?: (obj: KubeObject) => AppHealthStatus | undefined;
}

const NONE: never[] = [];

/** The metadata fields a node is built from (read from JSON, so checked where used). */
interface LiveMetadata {
  annotations?: Record<string, string>;
  uid?: unknown;
  resourceVersion?: unknown;
  ownerReferences?: unknown;
  creationTimestamp?: string;
}

/** A field of a JSON object that is itself an object, or undefined. */
function field(obj: Record<string, unknown> | undefined, name: string): Record<string, unknown> | undefined {
  const value = obj?.[name];
  return value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
}

/** Builds the node of a live object of a known kind (filling in apiVersion and kind, which list items lack). */
export function toLiveNode(obj: KubeObject, info: ApiResourceInfo, options: NodeOptions): LiveNode {
  obj.apiVersion ??= info.group ? `${info.group}/${info.version}` : info.version;
  obj.kind ??= info.kind;
  const meta: LiveMetadata = obj.metadata ?? {};
  const key = keyOfObject(obj, info, info.namespaced);
  const app = trackingApp(meta.annotations?.[options.trackingAnnotation], key, info.namespaced);
  return {
    id: keyString(key),
    key,
    version: info.version,
    uid: String(meta.uid ?? ''),
    resourceVersion: String(meta.resourceVersion ?? ''),
    owners: ownerLinks(meta.ownerReferences),
    health: assess(obj, options.assessHealth),
    images: imagesOf(obj),
    createdAt: meta.creationTimestamp,
    app,
    object: app === undefined ? undefined : obj,
  };
}

/** The node of a deleted object, enough to find and remove it. */
export function deletedKey(obj: KubeObject, info: ApiResourceInfo): ResourceKey {
  return keyOfObject(obj, info, info.namespaced);
}

/** Container images of a Pod, of a workload's pod template, or of a CronJob's job template (init containers included). */
export function imagesOf(obj: KubeObject): string[] {
  const spec = field(obj, 'spec');
  const podSpec = spec?.containers
    ? spec
    : (field(field(spec, 'template'), 'spec') ?? field(field(field(field(spec, 'jobTemplate'), 'spec'), 'template'), 'spec'));
  if (!podSpec) return NONE;
  const images = new Set<string>();
  for (const list of [podSpec.initContainers, podSpec.containers]) {
    if (!Array.isArray(list)) continue;
    for (const c of list) if (typeof c?.image === 'string' && c.image) images.add(c.image);
  }
  return images.size ? [...images] : NONE;
}

function ownerLinks(refs: unknown): OwnerLink[] {
  if (!Array.isArray(refs) || refs.length === 0) return NONE;
  return refs
    .filter((r) => r && typeof r.uid === 'string')
    .map((r) => ({ uid: r.uid, group: groupOfApiVersion(r.apiVersion), kind: String(r.kind ?? ''), name: String(r.name ?? '') }));
}

function assess(obj: KubeObject, assessHealth: NodeOptions['assessHealth']): AppHealthStatus | undefined {
  if (!assessHealth) return undefined;
  try {
    return assessHealth(obj);
  } catch (err) {
    return { status: 'Unknown', message: `failed to assess health: ${(err as Error).message}` };
  }
}
