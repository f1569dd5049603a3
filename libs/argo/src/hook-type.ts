/** Argo CD hook types (the values of `argocd.argoproj.io/hook`). */
export const HookType = {
  PreSync: 'PreSync',
  Sync: 'Sync',
  PostSync: 'PostSync',
  SyncFail: 'SyncFail',
  Skip: 'Skip',
  PreDelete: 'PreDelete',
  PostDelete: 'PostDelete',
} as const;
/** One of the hook types. */
export type HookType = (typeof HookType)[keyof typeof HookType];
