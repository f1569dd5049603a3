/** The Application resource (argoproj.io/v1alpha1) as the gateway reads and writes it, with Argo CD's names. */
export interface Application {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: ApplicationSpec;
  status?: ApplicationStatus;
  operation?: Operation;
}

/** The part of Kubernetes ObjectMeta the gateway uses. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  creationTimestamp?: string;
  deletionTimestamp?: string;
}

/** spec.source / spec.sources[] */
export interface ApplicationSource {
  repoURL: string;
  path?: string;
  targetRevision?: string;
  chart?: string;
  directory?: Record<string, unknown>;
  kustomize?: Record<string, unknown>;
  helm?: Record<string, unknown>;
}

/** spec.destination */
export interface ApplicationDestination {
  server?: string;
  name?: string;
  namespace?: string;
}

/** spec */
export interface ApplicationSpec {
  project?: string;
  source?: ApplicationSource;
  sources?: ApplicationSource[];
  destination?: ApplicationDestination;
  syncPolicy?: {
    automated?: { prune?: boolean; selfHeal?: boolean; allowEmpty?: boolean; enabled?: boolean };
    syncOptions?: string[];
    retry?: Record<string, unknown>;
  };
  ignoreDifferences?: Record<string, unknown>[];
  revisionHistoryLimit?: number;
}

/** One entry of status.history[]. */
export interface RevisionHistory {
  id: number;
  revision?: string;
  source?: ApplicationSource;
  deployedAt?: string;
  deployStartedAt?: string;
}

/** status */
export interface ApplicationStatus {
  sync?: { status: string; revision?: string };
  health?: { status: string; message?: string };
  resources?: {
    group?: string;
    version?: string;
    kind: string;
    namespace?: string;
    name: string;
    status?: string;
    health?: { status: string; message?: string };
  }[];
  conditions?: { type: string; message: string; lastTransitionTime?: string }[];
  operationState?: { phase?: string; message?: string; startedAt?: string; finishedAt?: string; syncResult?: Record<string, unknown> };
  history?: RevisionHistory[];
  reconciledAt?: string;
  sourceType?: string;
}

/** The sync request the controller runs (`operation.sync`), as Argo CD spells it. */
export interface SyncOperation {
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  resources?: { group: string; kind: string; name: string; namespace?: string }[];
  syncOptions?: string[];
  syncStrategy?: { apply?: { force?: boolean }; hook?: { force?: boolean } };
  source?: ApplicationSource;
}

/** The top-level `operation` field: who asked for what. */
export interface Operation {
  sync?: SyncOperation;
  initiatedBy?: { username?: string; automated?: boolean };
  info?: { name: string; value: string }[];
}

/** Annotations and finalizers the gateway reads or writes. */
export const AppAnnotation = {
  Refresh: 'argocd.argoproj.io/refresh',
  ManifestGeneratePaths: 'argocd.argoproj.io/manifest-generate-paths',
  /** Fjord's: the W3C traceparent of the webhook that asked for the refresh, so the controller joins its trace. */
  TraceParent: 'fjord.dev/traceparent',
} as const;

/** Refresh levels of the refresh annotation. */
export const RefreshType = { Normal: 'normal', Hard: 'hard' } as const;

/** The finalizers that make deleting an app delete its resources (foreground or background). */
export const ResourcesFinalizer = {
  Foreground: 'resources-finalizer.argocd.argoproj.io',
  Background: 'resources-finalizer.argocd.argoproj.io/background',
} as const;

/** Phases of status.operationState. */
export const OperationPhase = { Running: 'Running', Terminating: 'Terminating', Succeeded: 'Succeeded', Failed: 'Failed', Error: 'Error' } as const;

/** The sources of an app: every entry of `spec.sources` when non-empty, else `spec.source` (none when neither). */
export const appSources = (app: Application): ApplicationSource[] => (app.spec.sources?.length ? app.spec.sources : app.spec.source ? [app.spec.source] : []);

/** The RBAC object of an app: `<project>/<name>`. */
export const appRbacObject = (app: Application) => `${app.spec?.project || 'default'}/${app.metadata.name}`;
