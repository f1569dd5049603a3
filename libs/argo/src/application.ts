import type { ObjectMeta } from './kube-object';
import type { Operation, OperationState } from './operation';
import type { RetryStrategy } from './retry';
import type { RevisionHistory } from './revision-history';

/**
 * The Application resource (argoproj.io/v1alpha1) with Argo CD's field names, as the gateway and the controller
 * read and write it. Status values are plain strings here: an object read from the API server may hold any.
 */
export interface Application {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: ApplicationSpec;
  status?: ApplicationStatus;
  /** The operation asked for (a sync); the controller removes it when the operation ends. */
  operation?: Operation;
}

/** `spec.source.directory`: which files of a plain-manifests directory are rendered (a type, so it is a plain record). */
export type ApplicationSourceDirectory = {
  recurse?: boolean;
  /** A glob (`{a,b}` allowed) of paths to render. */
  include?: string;
  /** A glob of paths to skip. */
  exclude?: string;
  jsonnet?: Record<string, unknown>;
};

/** `spec.source` / `spec.sources[]`: where an app's manifests come from and how they are rendered. */
export interface ApplicationSource {
  repoURL: string;
  path?: string;
  targetRevision?: string;
  /** A Helm chart name, for a Helm repository source. */
  chart?: string;
  /** A multi-source alias: other sources refer to this one's files as `$<ref>/...`. */
  ref?: string;
  /** A display name of the source (Argo CD 3). */
  name?: string;
  directory?: ApplicationSourceDirectory;
  kustomize?: RendererOptions;
  helm?: RendererOptions;
  plugin?: RendererOptions;
}

/**
 * A renderer's options as the CRD holds them (`kustomize`, `helm`, `plugin` of a source): carried through here as
 * written, checked and read by that renderer.
 */
export type RendererOptions = Record<string, unknown>;

/** `spec.destination`: the cluster (by server URL or name) and the default namespace. */
export interface ApplicationDestination {
  server?: string;
  name?: string;
  namespace?: string;
}

/** `spec.syncPolicy.automated`. */
export interface SyncPolicyAutomated {
  prune?: boolean;
  selfHeal?: boolean;
  allowEmpty?: boolean;
  /** Argo CD 3's explicit toggle; absent means on when `automated` is set. */
  enabled?: boolean;
}

/** `spec.syncPolicy`. */
export interface SyncPolicy {
  automated?: SyncPolicyAutomated;
  syncOptions?: string[];
  retry?: RetryStrategy;
  managedNamespaceMetadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
}

/** One `spec.ignoreDifferences[]` entry of an Application (or a system-wide one), as Argo CD defines it. */
export interface ResourceIgnoreDifferences {
  group?: string;
  kind: string;
  name?: string;
  namespace?: string;
  jsonPointers?: string[];
  jqPathExpressions?: string[];
  managedFieldsManagers?: string[];
}

/** `spec`. */
export interface ApplicationSpec {
  project?: string;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination?: ApplicationDestination;
  syncPolicy?: SyncPolicy;
  ignoreDifferences?: ResourceIgnoreDifferences[];
  /** How many `status.history` entries are kept (default 10). */
  revisionHistoryLimit?: number;
  info?: { name: string; value: string }[];
}

/** A health verdict as stored in an app's status: a code (see HealthStatusCode of @fjord/health) and a message. */
export interface AppHealthStatus {
  status: string;
  message?: string;
}

/** One entry of `status.resources[]`. */
export interface ResourceStatus {
  group?: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  /** One of SyncStatus. */
  status: string;
  health?: AppHealthStatus;
  hook?: boolean;
  requiresPruning?: boolean;
  syncWave?: number;
}

/** One entry of `status.conditions[]`. */
export interface ApplicationCondition {
  /** One of ConditionType (or another Argo CD condition type). */
  type: string;
  message: string;
  lastTransitionTime?: string;
}

/** `status.sync.comparedTo`: what the sync status was computed against. */
export interface ComparedTo {
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination?: ApplicationDestination;
  ignoreDifferences?: ResourceIgnoreDifferences[];
}

/** `status.sync`. */
export interface SyncStatusInfo {
  /** One of SyncStatus. */
  status: string;
  revision?: string;
  /** One per source of a multi-source app. */
  revisions?: string[];
  comparedTo?: ComparedTo;
}

/** `status`. */
export interface ApplicationStatus {
  sync?: SyncStatusInfo;
  health?: AppHealthStatus;
  resources?: ResourceStatus[];
  conditions?: ApplicationCondition[];
  reconciledAt?: string;
  observedAt?: string;
  sourceType?: string;
  sourceTypes?: string[];
  summary?: { images?: string[]; externalURLs?: string[] };
  operationState?: OperationState;
  history?: RevisionHistory[];
}

/** The sources an app renders, as Argo CD decides: every entry of `spec.sources` when non-empty, else `spec.source`. */
export function appSources(app: Pick<Application, 'spec'>): ApplicationSource[] {
  return app.spec.sources?.length ? app.spec.sources : app.spec.source ? [app.spec.source] : [];
}

/** The queue key of an app: `namespace/name`. */
export const appKey = (app: { metadata: { namespace?: string; name: string } }): string => `${app.metadata.namespace ?? ''}/${app.metadata.name}`;
