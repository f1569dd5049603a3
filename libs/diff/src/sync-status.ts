/** Sync status codes as Argo CD names them, for resources and apps. */
export const SyncStatusCode = {
  Synced: 'Synced',
  OutOfSync: 'OutOfSync',
  Unknown: 'Unknown',
} as const;

/** One of the sync status codes. */
export type SyncStatusCode = (typeof SyncStatusCode)[keyof typeof SyncStatusCode];

/** The compare option that keeps an extraneous (prune-only) resource from making its app OutOfSync. */
export const COMPARE_OPTIONS_ANNOTATION = 'argocd.argoproj.io/compare-options';
/** The value of the compare-options annotation that marks a resource as extraneous. */
export const IGNORE_EXTRANEOUS = 'IgnoreExtraneous';
