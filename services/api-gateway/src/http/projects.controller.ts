import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put } from '@nestjs/common';
import { InputError } from '@fjord/platform';
import { Action, Resource } from '@fjord/rbac';
import type { Caller } from '../auth/caller';
import type { AppProject } from '@fjord/argo';
import type { ProjectHandlers } from '../projects/project-handlers';
import { projectBody, tokenBody, type ProjectRequest } from './project-bodies';
import { emptyAnswer } from './empty-answer';
import { CurrentCaller } from './request-params';
import { RequirePermission } from './route-metadata';
import { Token } from './tokens';
import { JsonBodyPipe } from './validation-pipes';

/** Argo CD's project REST paths, `/api/v1/projects`, and project role tokens. */
@Controller('api/v1/projects')
export class ProjectsController {
  constructor(@Inject(Token.ProjectHandlers) private readonly projects: ProjectHandlers) {}

  /** The projects the caller may see (filtered by the handler). */
  @Get()
  async list(@CurrentCaller() caller: Caller): Promise<{ metadata: object; items: AppProject[] }> {
    return { metadata: {}, items: await this.projects.list(caller) };
  }

  @Get(':name')
  @RequirePermission(Resource.Projects, Action.Get)
  get(@CurrentCaller() caller: Caller, @Param('name') name: string): Promise<AppProject> {
    return this.projects.get(caller, name);
  }

  /** Creates a project; RBAC on the name in the body, checked by the handler. */
  @Post()
  @HttpCode(200)
  create(@CurrentCaller() caller: Caller, @Body(new JsonBodyPipe(projectBody)) req: ProjectRequest): Promise<AppProject> {
    return this.projects.create(caller, req.project, req.upsert);
  }

  /** Replaces the project named in the path; a different `metadata.name` in the body is refused. */
  @Put(':name')
  @RequirePermission(Resource.Projects, Action.Update)
  update(@CurrentCaller() caller: Caller, @Param('name') name: string, @Body(new JsonBodyPipe(projectBody)) { project }: ProjectRequest): Promise<AppProject> {
    if (project.metadata?.name && project.metadata.name !== name) throw new InputError('metadata.name does not match the path');
    return this.projects.update(caller, { ...project, metadata: { ...project.metadata, name } });
  }

  @Delete(':name')
  @RequirePermission(Resource.Projects, Action.Delete)
  delete(@CurrentCaller() caller: Caller, @Param('name') name: string): Promise<object> {
    return emptyAnswer(this.projects.delete(caller, name));
  }

  /** Issues an API token for a role of the project. */
  @Post(':project/roles/:role/token')
  @HttpCode(200)
  @RequirePermission(Resource.Projects, Action.Update)
  async createToken(
    @CurrentCaller() caller: Caller,
    @Param('project') project: string,
    @Param('role') role: string,
    @Body(new JsonBodyPipe(tokenBody)) req: { expiresIn: number },
  ): Promise<{ token: string }> {
    return { token: await this.projects.createToken(caller, project, role, req.expiresIn) };
  }
}
