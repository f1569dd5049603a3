/** The phases of a sync, in the order they run; SyncFail runs only when the sync fails. */
export const SyncPhase = {
  PreSync: 'PreSync',
  Sync: 'Sync',
  PostSync: 'PostSync',
  SyncFail: 'SyncFail',
} as const;
/** One of the sync phases. */
export type SyncPhase = (typeof SyncPhase)[keyof typeof SyncPhase];
