import type { AppHealthStatus, KubeObject, ResourceKey } from '@fjord/argo';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Registry } from 'prom-client';

export type { KubeObject, ResourceKey };

/** What discovery says about one kind, at its group's preferred version. */
export interface ApiResourceInfo {
  group: string;
  version: string;
  kind: string;
  plural: string;
  namespaced: boolean;
  verbs: string[];
}

/** One resource of an app's tree: a managed resource or one of its descendants. */
export interface TreeNode {
  key: ResourceKey;
  version: string;
  uid: string;
  resourceVersion: string;
  /** Owners, from ownerReferences. */
  parents: ResourceKey[];
  health?: AppHealthStatus;
  images: string[];
  createdAt?: string;
}

/** The kinds of change a listener hears about. */
export const ChangeType = {
  Added: 'added',
  Modified: 'modified',
  Deleted: 'deleted',
} as const;

/** One of {@link ChangeType}. */
export type ChangeType = (typeof ChangeType)[keyof typeof ChangeType];

/** A change of a live resource, with the apps it concerns. */
export interface ChangeEvent {
  type: ChangeType;
  key: ResourceKey;
  /** Apps whose managed resources or their descendants changed. */
  apps: string[];
}

/** The structured logger the cache writes to (pino's shape); never given object bodies. */
export interface CacheLogger {
  info(o: object, m?: string): void;
  warn(o: object, m?: string): void;
  debug(o: object, m?: string): void;
}

/** A kind by group (core is ''), as used in exclusions. */
export interface GroupKind {
  group: string;
  kind: string;
}

/** Options of a {@link ClusterCache}; only `kubeConfig` is required. */
export interface ClusterCacheOptions {
  kubeConfig: KubeConfig;
  logger?: CacheLogger;
  /** Annotation holding `<app>:<group>/<kind>:<namespace>/<name>`; default 'argocd.argoproj.io/tracking-id'. */
  trackingAnnotation?: string;
  /** Health of a live object, computed when it arrives so the object body need not be kept for untracked resources. */
  assessHealth?: (obj: KubeObject) => AppHealthStatus | undefined;
  /** Kinds never watched (default: Events (core and events.k8s.io), coordination.k8s.io Lease, Endpoints, EndpointSlice, ComponentStatus, metrics.k8s.io). */
  exclusions?: GroupKind[];
  /** Objects per LIST page; default 500. */
  listPageSize?: number;
  /** Min ms between change notifications of one app (event batching), default 100. */
  batchMs?: number;
  /** A prom-client Registry to register metrics on (watch events, relists, k8s requests, resources cached). */
  registry?: Registry;
  /** The cluster's name in metrics and logs; default the API server URL. */
  clusterName?: string;
  /** Kinds listed at once; default 10. */
  listConcurrency?: number;
  /** A kind is listed again from scratch when its watch renews and its last list is older than this; default 12 h, 0 never. */
  resyncMs?: number;
}
