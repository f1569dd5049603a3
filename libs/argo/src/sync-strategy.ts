/** Sync strategies (`operation.sync.syncStrategy`): `hook` runs hooks (the default), `apply` applies resources only. */
export const SyncStrategy = { Apply: 'apply', Hook: 'hook' } as const;
/** One of the sync strategies. */
export type SyncStrategy = (typeof SyncStrategy)[keyof typeof SyncStrategy];
