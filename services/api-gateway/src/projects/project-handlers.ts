import { InputError, NotFoundError } from '@fjord/platform';
import { Action, Resource } from '@fjord/rbac';
import type { Authorizer } from '../auth/authorizer';
import type { Caller } from '../auth/caller';
import type { SessionTokens } from '../auth/session-tokens';
import type { ArgoResources } from '../kube/argo-resources';
import type { AppProject } from '@fjord/argo';
import { validateProjectRoles } from './role-policy';

const NAME = /^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/;

/** The Project API: AppProject CRUD with RBAC, and API tokens for project roles. */
export class ProjectHandlers {
  constructor(
    private readonly projects: ArgoResources<AppProject>,
    private readonly authz: Authorizer,
    private readonly tokens: SessionTokens,
  ) {}

  /** The projects the caller may see. */
  async list(caller: Caller): Promise<AppProject[]> {
    return (await this.projects.list()).filter((p) => this.authz.can(caller, Resource.Projects, Action.Get, p.metadata.name));
  }

  /** One project. */
  async get(caller: Caller, name: string): Promise<AppProject> {
    this.authz.check(caller, Resource.Projects, Action.Get, name);
    return this.projects.get(name);
  }

  /** Creates a project (or updates it with upsert). */
  async create(caller: Caller, project: AppProject, upsert = false): Promise<AppProject> {
    validateProject(project);
    this.authz.check(caller, Resource.Projects, Action.Create, project.metadata.name);
    validateProjectRoles(project);
    try {
      return await this.projects.create({
        metadata: { name: project.metadata.name, labels: project.metadata.labels, annotations: project.metadata.annotations },
        spec: project.spec,
      });
    } catch (err) {
      if (!upsert || (err as Error).name !== 'ConflictError') throw err;
      return this.update(caller, project);
    }
  }

  /** Replaces a project's spec, keeping the tokens issued for its roles. */
  async update(caller: Caller, project: AppProject): Promise<AppProject> {
    validateProject(project);
    this.authz.check(caller, Resource.Projects, Action.Update, project.metadata.name);
    validateProjectRoles(project);
    const current = await this.projects.get(project.metadata.name);
    const roles = (project.spec.roles ?? []).map((r) => ({ ...r, jwtTokens: current.spec.roles?.find((c) => c.name === r.name)?.jwtTokens ?? r.jwtTokens }));
    return this.projects.replace({
      ...current,
      metadata: {
        ...current.metadata,
        labels: project.metadata.labels,
        annotations: project.metadata.annotations,
        resourceVersion: project.metadata.resourceVersion || current.metadata.resourceVersion,
      },
      spec: { ...project.spec, ...(roles.length ? { roles } : {}) },
    });
  }

  /** Deletes a project. */
  async delete(caller: Caller, name: string): Promise<void> {
    this.authz.check(caller, Resource.Projects, Action.Delete, name);
    await this.projects.delete(name);
  }

  /** Issues an API token for a project role and records its id in the role, so it can be revoked. */
  async createToken(caller: Caller, project: string, role: string, expiresIn: number): Promise<string> {
    this.authz.check(caller, Resource.Projects, Action.Update, project);
    const current = await this.projects.get(project);
    const roles = current.spec.roles ?? [];
    const index = roles.findIndex((r) => r.name === role);
    if (index < 0) throw new NotFoundError(`project ${project} has no role ${role}`);
    if (!Number.isInteger(expiresIn) || expiresIn < 0) throw new InputError('expiresIn must be a whole number of seconds, 0 for none');
    const issued = await this.tokens.issueProjectToken(project, role, expiresIn);
    const updated = roles.map((r, i) =>
      i === index ? { ...r, jwtTokens: [...(r.jwtTokens ?? []), { id: issued.id, iat: issued.iat, ...(issued.exp ? { exp: issued.exp } : {}) }] } : r,
    );
    await this.projects.mergePatch(project, { metadata: { resourceVersion: current.metadata.resourceVersion }, spec: { roles: updated } });
    return issued.token;
  }
}

function validateProject(project: AppProject): void {
  if (!project || typeof project !== 'object') throw new InputError('body must be an AppProject object');
  if (!project.metadata?.name || !NAME.test(project.metadata.name)) throw new InputError('metadata.name must be a DNS label');
  if (!project.spec || typeof project.spec !== 'object') throw new InputError('spec is required');
}
