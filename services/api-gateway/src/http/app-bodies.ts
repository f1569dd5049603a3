import { InputError } from '@fjord/platform';
import type { Application } from '@fjord/argo';
import { SyncStrategy, type RollbackRequest, type SyncRequest } from '../apps/sync-request';
import { field, strictObject } from './body';

const APP_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status', 'operation'] as const;
const SYNC_FIELDS = [
  'name',
  'appNamespace',
  'revision',
  'prune',
  'dryRun',
  'resources',
  'syncOptions',
  'strategy',
  'retryStrategy',
  'manifests',
  'infos',
  'project',
] as const;
const ROLLBACK_FIELDS = ['name', 'appNamespace', 'id', 'prune', 'dryRun', 'project'] as const;

/** Reads an Application body, refusing unknown top-level fields (the API server checks the rest strictly). */
export function appBody(body: unknown): Application {
  return strictObject(body, APP_FIELDS, 'application') as unknown as Application;
}

/** Reads Argo CD's sync request body: `syncOptions` as `{items: [...]}` or a list, `strategy` as `{apply|hook: {force}}`. */
export function syncBody(body: unknown): SyncRequest {
  const b = strictObject(body, SYNC_FIELDS, 'sync request');
  const resources = b.resources;
  if (resources !== undefined && !Array.isArray(resources)) throw new InputError('field "resources" must be a list');
  const options = b.syncOptions as { items?: unknown } | unknown[] | undefined;
  const syncOptions = Array.isArray(options) ? options : (options as { items?: unknown } | undefined)?.items;
  if (syncOptions !== undefined && (!Array.isArray(syncOptions) || syncOptions.some((o) => typeof o !== 'string'))) {
    throw new InputError('field "syncOptions" must be a list of strings');
  }
  const strategy = field(b, 'strategy', 'object') as Record<string, { force?: boolean }> | undefined;
  const strategyName = strategy ? (Object.keys(strategy)[0] as SyncRequest['strategy']) : undefined;
  if (strategyName && !Object.values(SyncStrategy).includes(strategyName)) throw new InputError('field "strategy" must be {apply: {}} or {hook: {}}');
  return {
    revision: field(b, 'revision', 'string'),
    prune: field(b, 'prune', 'boolean'),
    dryRun: field(b, 'dryRun', 'boolean'),
    resources: (resources as { group?: string; kind: string; name: string; namespace?: string }[] | undefined)?.map((r) => {
      const res = strictObject(r, ['group', 'kind', 'name', 'namespace'], 'sync resource');
      if (!res.kind || !res.name) throw new InputError('each sync resource needs kind and name');
      return { group: String(res.group ?? ''), kind: String(res.kind), name: String(res.name), namespace: res.namespace ? String(res.namespace) : undefined };
    }),
    syncOptions: syncOptions as string[] | undefined,
    strategy: strategyName,
    force: strategyName ? strategy?.[strategyName]?.force === true : undefined,
  };
}

/** Reads Argo CD's rollback request body: the history `id`, and `prune` and `dryRun`. */
export function rollbackBody(body: unknown): RollbackRequest {
  const b = strictObject(body, ROLLBACK_FIELDS, 'rollback request');
  const id = Number(b.id);
  if (!Number.isInteger(id)) throw new InputError('field "id" must be a history id');
  return { id, prune: field(b, 'prune', 'boolean'), dryRun: field(b, 'dryRun', 'boolean') };
}
