import { Action } from './action';
import { Resource } from './resource';

/** The built-in roles. */
export const BuiltinRole = { Readonly: 'role:readonly', Admin: 'role:admin' } as const;

const readonlyResources = [
  Resource.Applications,
  Resource.ApplicationSets,
  Resource.Certificates,
  Resource.Clusters,
  Resource.Repositories,
  Resource.Projects,
  Resource.Accounts,
  Resource.GpgKeys,
  Resource.Logs,
];

const adminGrants: [Resource, string][] = [
  ...[Action.Create, Action.Update, Action.Delete, Action.Sync, Action.Override, Action.Rollback, `${Action.Action}/*`].map(
    (a) => [Resource.Applications, a] as [Resource, string],
  ),
  ...[Action.Create, Action.Update, Action.Delete].map((a) => [Resource.ApplicationSets, a] as [Resource, string]),
  ...[Action.Create, Action.Update, Action.Delete].map((a) => [Resource.Certificates, a] as [Resource, string]),
  ...[Action.Create, Action.Update, Action.Delete].map((a) => [Resource.Clusters, a] as [Resource, string]),
  ...[Action.Create, Action.Update, Action.Delete].map((a) => [Resource.Repositories, a] as [Resource, string]),
  ...[Action.Create, Action.Update, Action.Delete].map((a) => [Resource.Projects, a] as [Resource, string]),
  ...[Action.Create, Action.Update, Action.Delete].map((a) => [Resource.GpgKeys, a] as [Resource, string]),
  [Resource.Accounts, Action.Update],
  [Resource.Exec, Action.Create],
  [Resource.Extensions, Action.Invoke],
];

/**
 * The built-in policy: `role:readonly` may get everything readable; `role:admin` may do everything and inherits
 * readonly; the local `admin` account holds `role:admin`.
 */
export const BUILTIN_POLICY_CSV = [
  ...readonlyResources.map((r) => `p, ${BuiltinRole.Readonly}, ${r}, ${Action.Get}, *, allow`),
  ...adminGrants.map(([r, a]) => `p, ${BuiltinRole.Admin}, ${r}, ${a}, *, allow`),
  `g, ${BuiltinRole.Admin}, ${BuiltinRole.Readonly}`,
  `g, admin, ${BuiltinRole.Admin}`,
].join('\n');
