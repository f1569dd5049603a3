/** What happened to one resource in a sync (`syncResult.resources[].status`). */
export const ResultCode = {
  Synced: 'Synced',
  SyncFailed: 'SyncFailed',
  Pruned: 'Pruned',
  PruneSkipped: 'PruneSkipped',
} as const;
/** One of the result codes. */
export type ResultCode = (typeof ResultCode)[keyof typeof ResultCode];
