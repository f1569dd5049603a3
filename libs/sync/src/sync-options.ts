import { SYNC_OPTIONS_ANNOTATION } from '@fjord/argo';
import type { KubeObject } from '@fjord/k8s-yaml';
import { annotationList } from './annotations';

/** Values of the tri-state `Prune=` and `Delete=` options. */
export const DeletionMode = { Enabled: 'true', Disabled: 'false', Confirm: 'confirm' } as const;
/** One of the deletion modes. */
export type DeletionMode = (typeof DeletionMode)[keyof typeof DeletionMode];

/** Deletion propagation policies of `PrunePropagationPolicy=` (Kubernetes' names in lower case, as Argo CD spells them). */
export const PropagationPolicy = { Foreground: 'foreground', Background: 'background', Orphan: 'orphan' } as const;
/** One of the propagation policies. */
export type PropagationPolicy = (typeof PropagationPolicy)[keyof typeof PropagationPolicy];

/** The option keys Fjord understands, as written in `syncOptions` and the sync-options annotation. */
export const SyncOptionKey = {
  CreateNamespace: 'CreateNamespace',
  PruneLast: 'PruneLast',
  Prune: 'Prune',
  Delete: 'Delete',
  Replace: 'Replace',
  Force: 'Force',
  ServerSideApply: 'ServerSideApply',
  ApplyOutOfSyncOnly: 'ApplyOutOfSyncOnly',
  Validate: 'Validate',
  PrunePropagationPolicy: 'PrunePropagationPolicy',
  FailOnSharedResource: 'FailOnSharedResource',
  RespectIgnoreDifferences: 'RespectIgnoreDifferences',
  SkipDryRunOnMissingResource: 'SkipDryRunOnMissingResource',
  ClientSideApplyMigration: 'ClientSideApplyMigration',
} as const;
/** One of the option keys. */
export type SyncOptionKey = (typeof SyncOptionKey)[keyof typeof SyncOptionKey];

/** Parsed sync options; a field is undefined when the option was not written (so layers can be merged). */
export interface SyncOptions {
  createNamespace?: boolean;
  pruneLast?: boolean;
  prune?: DeletionMode;
  delete?: DeletionMode;
  replace?: boolean;
  force?: boolean;
  serverSideApply?: boolean;
  applyOutOfSyncOnly?: boolean;
  validate?: boolean;
  prunePropagationPolicy?: PropagationPolicy;
  failOnSharedResource?: boolean;
  respectIgnoreDifferences?: boolean;
  skipDryRunOnMissingResource?: boolean;
  clientSideApplyMigration?: boolean;
  /** Items that are not `Key=value` with a known key and value, kept verbatim (Argo CD ignores them too). */
  unknown: string[];
}

/** No options set. */
export const NO_SYNC_OPTIONS: SyncOptions = Object.freeze({ unknown: [] as string[] });

type BoolField = Exclude<keyof SyncOptions, 'prune' | 'delete' | 'prunePropagationPolicy' | 'unknown'>;

const boolFields: Record<string, BoolField> = {
  [SyncOptionKey.CreateNamespace]: 'createNamespace',
  [SyncOptionKey.PruneLast]: 'pruneLast',
  [SyncOptionKey.Replace]: 'replace',
  [SyncOptionKey.Force]: 'force',
  [SyncOptionKey.ServerSideApply]: 'serverSideApply',
  [SyncOptionKey.ApplyOutOfSyncOnly]: 'applyOutOfSyncOnly',
  [SyncOptionKey.Validate]: 'validate',
  [SyncOptionKey.FailOnSharedResource]: 'failOnSharedResource',
  [SyncOptionKey.RespectIgnoreDifferences]: 'respectIgnoreDifferences',
  [SyncOptionKey.SkipDryRunOnMissingResource]: 'skipDryRunOnMissingResource',
  [SyncOptionKey.ClientSideApplyMigration]: 'clientSideApplyMigration',
};

const deletionModes = Object.values(DeletionMode) as string[];
const propagationPolicies = Object.values(PropagationPolicy) as string[];

function setOption(out: SyncOptions, key: string, value: string): boolean {
  if (key in boolFields) {
    if (value !== 'true' && value !== 'false') return false;
    out[boolFields[key]] = value === 'true';
  } else if ((key === SyncOptionKey.Prune || key === SyncOptionKey.Delete) && deletionModes.includes(value)) {
    out[key === SyncOptionKey.Prune ? 'prune' : 'delete'] = value as DeletionMode;
  } else if (key === SyncOptionKey.PrunePropagationPolicy && propagationPolicies.includes(value)) {
    out.prunePropagationPolicy = value as PropagationPolicy;
  } else return false;
  return true;
}

/**
 * Parses sync options: the app's `syncPolicy.syncOptions` / the operation's `syncOptions` (a list), or the value of
 * the `argocd.argoproj.io/sync-options` annotation (a comma-separated string). A later item wins over an earlier one.
 */
export function parseSyncOptions(options: readonly string[] | string | undefined): SyncOptions {
  const items = typeof options === 'string' ? options.split(',') : [...(options ?? [])];
  const out: SyncOptions = { unknown: [] };
  for (const raw of items) {
    const item = raw.trim();
    if (!item) continue;
    const eq = item.indexOf('=');
    if (eq < 0 || !setOption(out, item.slice(0, eq).trim(), item.slice(eq + 1).trim())) out.unknown.push(item);
  }
  return out;
}

/** The sync options a resource carries in its `argocd.argoproj.io/sync-options` annotation. */
export function resourceSyncOptions(obj: KubeObject | undefined): SyncOptions {
  return parseSyncOptions(annotationList(obj, SYNC_OPTIONS_ANNOTATION));
}

/** How one resource is applied, after the app's and the resource's options are combined as Argo CD combines them. */
export interface ApplyOptions {
  serverSideApply: boolean;
  replace: boolean;
  force: boolean;
  validate: boolean;
  skipDryRunOnMissingResource: boolean;
}

/**
 * Combines app-level options with a resource's own: `ServerSideApply=false` on the resource turns server-side apply
 * off; `Validate=false` on either side turns validation off; Replace, Force, ServerSideApply and
 * SkipDryRunOnMissingResource are on if either side turns them on (a resource cannot turn the app's Replace off).
 */
export function applyOptionsFor(app: SyncOptions, resource: SyncOptions): ApplyOptions {
  return {
    serverSideApply: resource.serverSideApply !== false && (app.serverSideApply === true || resource.serverSideApply === true),
    replace: app.replace === true || resource.replace === true,
    force: app.force === true || resource.force === true,
    validate: app.validate !== false && resource.validate !== false,
    skipDryRunOnMissingResource: app.skipDryRunOnMissingResource === true || resource.skipDryRunOnMissingResource === true,
  };
}

/** The prune mode of a resource: its own `Prune=` wins over the app's, the default is enabled (Argo CD 3). */
export function pruneModeFor(app: SyncOptions, resource: SyncOptions): DeletionMode {
  return resource.prune ?? app.prune ?? DeletionMode.Enabled;
}

/** Whether a resource is pruned last: `PruneLast=true` on the app or on the resource. */
export function pruneLastFor(app: SyncOptions, resource: SyncOptions): boolean {
  return app.pruneLast === true || resource.pruneLast === true;
}

/** The delete mode of a resource when its app is deleted (`Delete=false|confirm` on the resource). */
export function deleteModeFor(resource: SyncOptions): DeletionMode {
  return resource.delete ?? DeletionMode.Enabled;
}
