import { InputError } from '@fjord/platform';
import type { AppProject } from '../projects/app-project';
import type { ProjectHandlers } from '../projects/project-handlers';
import { field, strictObject } from './body';
import { HttpMethod, type Route } from './route';

const PROJECT_FIELDS = ['apiVersion', 'kind', 'metadata', 'spec', 'status'] as const;

/** Reads a project body: Argo CD wraps it as `{project: {...}, upsert}` on create and update. */
function projectBody(body: unknown): { project: AppProject; upsert: boolean } {
  const b = strictObject(body, ['project', 'upsert'], 'project request');
  return { project: strictObject(b.project, PROJECT_FIELDS, 'project') as unknown as AppProject, upsert: field(b, 'upsert', 'boolean') ?? false };
}

/** Argo CD's project REST paths, and project role tokens. */
export function projectRoutes(projects: ProjectHandlers): Route[] {
  const base = '/api/v1/projects';
  return [
    { method: HttpMethod.Get, path: base, handle: async (c) => ({ metadata: {}, items: await projects.list(c.caller) }) },
    {
      method: HttpMethod.Post,
      path: base,
      handle: async (c) => {
        const { project, upsert } = projectBody(await c.json());
        return projects.create(c.caller, project, upsert);
      },
    },
    { method: HttpMethod.Get, path: `${base}/:name`, handle: (c) => projects.get(c.caller, c.params.name) },
    {
      method: HttpMethod.Put,
      path: `${base}/:name`,
      handle: async (c) => {
        const { project } = projectBody(await c.json());
        if (project.metadata?.name && project.metadata.name !== c.params.name) throw new InputError('metadata.name does not match the path');
        return projects.update(c.caller, { ...project, metadata: { ...project.metadata, name: c.params.name } });
      },
    },
    {
      method: HttpMethod.Delete,
      path: `${base}/:name`,
      handle: async (c) => {
        await projects.delete(c.caller, c.params.name);
        return {};
      },
    },
    {
      method: HttpMethod.Post,
      path: `${base}/:project/roles/:role/token`,
      handle: async (c) => {
        const b = strictObject(await c.json(), ['project', 'role', 'expiresIn', 'description', 'id'], 'token request');
        const expiresIn = Number(b.expiresIn ?? 0);
        return { token: await projects.createToken(c.caller, c.params.project, c.params.role, expiresIn) };
      },
    },
  ];
}
