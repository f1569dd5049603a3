/** The fields of an Application (argoproj.io/v1alpha1) the controller reads and writes, with Argo CD's names. */
export interface Application {
  apiVersion: 'argoproj.io/v1alpha1';
  kind: 'Application';
  metadata: {
    name: string;
    namespace: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    annotations?: Record<string, string>;
    labels?: Record<string, string>;
    deletionTimestamp?: string;
  };
  spec: ApplicationSpec;
  status?: ApplicationStatus;
  operation?: Record<string, unknown>;
}

/** spec.source / spec.sources[] */
export interface ApplicationSource {
  repoURL: string;
  path?: string;
  targetRevision?: string;
  chart?: string;
  directory?: { recurse?: boolean; include?: string; exclude?: string };
  kustomize?: Record<string, unknown>;
  helm?: Record<string, unknown>;
}

/** spec */
export interface ApplicationSpec {
  project?: string;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination?: { server?: string; name?: string; namespace?: string };
  syncPolicy?: {
    automated?: { prune?: boolean; selfHeal?: boolean; allowEmpty?: boolean; enabled?: boolean };
    syncOptions?: string[];
  };
  ignoreDifferences?: Record<string, unknown>[];
}

/** One entry of status.resources[] (plus Fjord's drift attribution, which Argo CD does not have). */
export interface ResourceStatus {
  group?: string;
  version: string;
  kind: string;
  namespace?: string;
  name: string;
  status: string;
  health?: { status: string; message?: string };
  hook?: boolean;
  requiresPruning?: boolean;
  syncWave?: number;
}

/** status */
export interface ApplicationStatus {
  sync?: {
    status: string;
    revision?: string;
    /** One per source of a multi-source app. */
    revisions?: string[];
    comparedTo?: { source?: ApplicationSource; sources?: ApplicationSource[]; destination?: ApplicationSpec['destination'] };
  };
  health?: { status: string; message?: string };
  resources?: ResourceStatus[];
  conditions?: { type: string; message: string; lastTransitionTime?: string }[];
  reconciledAt?: string;
  observedAt?: string;
  sourceType?: string;
  summary?: { images?: string[] };
  operationState?: Record<string, unknown>;
  history?: Record<string, unknown>[];
}

/** The queue key of an app: `namespace/name`. */
export const appKey = (app: { metadata: { namespace?: string; name: string } }) => `${app.metadata.namespace ?? ''}/${app.metadata.name}`;

/** Status values the controller writes, as Argo CD spells them. */
export const SyncStatus = { Synced: 'Synced', OutOfSync: 'OutOfSync', Unknown: 'Unknown' } as const;

/** Condition types the controller sets. */
export const ConditionType = {
  ComparisonError: 'ComparisonError',
  InvalidSpecError: 'InvalidSpecError',
  SharedResourceWarning: 'SharedResourceWarning',
} as const;

/** The annotation that asks for a refresh, and its values. */
export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';
export const RefreshType = { Normal: 'normal', Hard: 'hard' } as const;

/** Fjord's annotation with the W3C traceparent of the webhook that asked for a refresh: the app joins that trace. */
export const TRACEPARENT_ANNOTATION = 'fjord.dev/traceparent';
