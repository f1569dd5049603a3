/** Annotation that asks the controller for a refresh; its value is a {@link RefreshType}. */
export const REFRESH_ANNOTATION = 'argocd.argoproj.io/refresh';
/** Refresh levels of the refresh annotation: `hard` also bypasses the manifest cache. */
export const RefreshType = { Normal: 'normal', Hard: 'hard' } as const;
/** One of the refresh levels. */
export type RefreshType = (typeof RefreshType)[keyof typeof RefreshType];

/** Fjord's annotation with the W3C traceparent of the webhook that asked for a refresh: the app joins that trace. */
export const TRACEPARENT_ANNOTATION = 'fjord.dev/traceparent';
/** Annotation listing the paths (`;`-separated) whose changes concern an app, for webhook-driven refreshes. */
export const MANIFEST_GENERATE_PATHS_ANNOTATION = 'argocd.argoproj.io/manifest-generate-paths';
/** Annotation that ties a resource to the app that manages it (Argo CD 3's default tracking method). */
export const TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';
/** Annotation naming the Argo CD / Fjord installation that manages a resource, when several share a cluster. */
export const INSTALLATION_ID_ANNOTATION = 'argocd.argoproj.io/installation-id';
/** Annotation with per-resource sync options, comma-separated (`Prune=false,ServerSideApply=true`). */
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';
/** Annotation that puts a resource in a sync wave (an integer, default 0, negatives allowed). */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
/** Annotation with per-resource compare options (`IgnoreExtraneous`). */
export const COMPARE_OPTIONS_ANNOTATION = 'argocd.argoproj.io/compare-options';
/** Annotation on an Application that approves pending `Prune=confirm` / `Delete=confirm` deletions. */
export const DELETION_APPROVED_ANNOTATION = 'argocd.argoproj.io/deletion-approved';
/** Annotation that marks a resource as an Argo CD hook; its value lists {@link HookType}s. */
export const HOOK_ANNOTATION = 'argocd.argoproj.io/hook';
/** Annotation with a hook's delete policies, comma-separated. */
export const HOOK_DELETE_POLICY_ANNOTATION = 'argocd.argoproj.io/hook-delete-policy';

/** The annotations Fjord reads or writes on an Application, by role. */
export const AppAnnotation = {
  Refresh: REFRESH_ANNOTATION,
  ManifestGeneratePaths: MANIFEST_GENERATE_PATHS_ANNOTATION,
  /** Fjord's: the W3C traceparent of the webhook that asked for the refresh, so the controller joins its trace. */
  TraceParent: TRACEPARENT_ANNOTATION,
  DeletionApproved: DELETION_APPROVED_ANNOTATION,
} as const;

/** The finalizers that make deleting an app delete its resources (foreground or background). */
export const ResourcesFinalizer = {
  Foreground: 'resources-finalizer.argocd.argoproj.io',
  Background: 'resources-finalizer.argocd.argoproj.io/background',
} as const;
