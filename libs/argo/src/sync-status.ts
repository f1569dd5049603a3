/** Sync status codes as Argo CD names them, for an app (`status.sync.status`) and for each of its resources. */
export const SyncStatus = {
  Synced: 'Synced',
  OutOfSync: 'OutOfSync',
  Unknown: 'Unknown',
} as const;
/** One of the sync status codes. */
export type SyncStatus = (typeof SyncStatus)[keyof typeof SyncStatus];
