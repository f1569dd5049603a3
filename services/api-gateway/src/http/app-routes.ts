import { InputError } from '@fjord/platform';
import { applicationTypes } from '@fjord/proto';
import type { AppHandlers } from '../apps/app-handlers';
import type { Application } from '../apps/application';
import { SyncStrategy, type SyncRequest } from '../apps/sync-request';
import { field, strictObject } from './body';
import { HttpMethod, queryBool, queryList, type Route } from './route';

const APP_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status', 'operation'] as const;
const SYNC_FIELDS = ['name', 'appNamespace', 'revision', 'prune', 'dryRun', 'resources', 'syncOptions', 'strategy', 'retryStrategy', 'manifests', 'infos', 'project'] as const;
const ROLLBACK_FIELDS = ['name', 'appNamespace', 'id', 'prune', 'dryRun', 'project'] as const;

/** Reads an Application body, refusing unknown top-level fields (the API server checks the rest strictly). */
function appBody(body: unknown): Application {
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

/** Argo CD's application REST paths. */
export function appRoutes(apps: AppHandlers): Route[] {
  const base = '/api/v1/applications';
  return [
    {
      method: HttpMethod.Get,
      path: base,
      handle: async (c) => ({
        metadata: {},
        items: await apps.list(c.caller, { selector: queryList(c.query.selector).join(','), projects: queryList(c.query.projects ?? c.query.project), name: c.query.name as string | undefined }),
      }),
    },
    {
      method: HttpMethod.Post,
      path: base,
      handle: async (c) => apps.create(c.caller, appBody(await c.json()), { upsert: queryBool(c.query.upsert) ?? false, validate: queryBool(c.query.validate) }),
    },
    { method: HttpMethod.Get, path: `${base}/:name`, handle: (c) => apps.get(c.caller, c.params.name) },
    {
      method: HttpMethod.Put,
      path: `${base}/:name`,
      handle: async (c) => {
        const app = appBody(await c.json());
        const meta: unknown = app.metadata ?? {};
        if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) throw new InputError('field metadata must be an object');
        const name = (meta as { name?: unknown }).name;
        if (name !== undefined && name !== c.params.name) throw new InputError(`field metadata.name (${String(name)}) does not match the path (${c.params.name})`);
        return apps.update(c.caller, { ...app, metadata: { ...meta, name: c.params.name } }, { validate: queryBool(c.query.validate) });
      },
    },
    {
      method: HttpMethod.Delete,
      path: `${base}/:name`,
      handle: async (c) => {
        await apps.delete(c.caller, c.params.name, { cascade: queryBool(c.query.cascade), propagationPolicy: c.query.propagationPolicy as string | undefined });
        return {};
      },
    },
    { method: HttpMethod.Post, path: `${base}/:name/sync`, handle: async (c) => apps.sync(c.caller, c.params.name, syncBody(await c.json())) },
    {
      method: HttpMethod.Post,
      path: `${base}/:name/rollback`,
      handle: async (c) => {
        const b = strictObject(await c.json(), ROLLBACK_FIELDS, 'rollback request');
        const id = Number(b.id);
        if (!Number.isInteger(id)) throw new InputError('field "id" must be a history id');
        return apps.rollback(c.caller, c.params.name, { id, prune: field(b, 'prune', 'boolean'), dryRun: field(b, 'dryRun', 'boolean') });
      },
    },
    { method: HttpMethod.Get, path: `${base}/:name/resource-tree`, handle: async (c) => applicationTypes.ResourceTree.toJSON(await apps.resourceTree(c.caller, c.params.name)) },
    {
      method: HttpMethod.Get,
      path: `${base}/:name/managed-resources`,
      handle: async (c) => ({ items: (await apps.managedResources(c.caller, c.params.name)).map((d) => applicationTypes.ResourceDiff.toJSON(d)) }),
    },
    { method: HttpMethod.Get, path: `${base}/:name/events`, handle: async (c) => ({ items: await apps.events(c.caller, c.params.name) }) },
  ];
}
