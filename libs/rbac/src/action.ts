/** Argo CD's RBAC actions. */
export const Action = {
  Get: 'get',
  Create: 'create',
  Update: 'update',
  Delete: 'delete',
  Sync: 'sync',
  Rollback: 'rollback',
  Override: 'override',
  Action: 'action',
  Invoke: 'invoke',
} as const;
/** One of {@link Action}: an action an RBAC rule names. */
export type Action = (typeof Action)[keyof typeof Action];
