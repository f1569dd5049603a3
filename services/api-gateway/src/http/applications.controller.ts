import { Body, Controller, Delete, Get, HttpCode, Inject, Param, Post, Put, Query } from '@nestjs/common';
import { InputError } from '@fjord/platform';
import { applicationTypes } from '@fjord/proto';
import { Action, Resource } from '@fjord/rbac';
// `DELETE ?propagationPolicy=` takes the policies a prune takes, as Argo CD names them.
import { PropagationPolicy } from '@fjord/sync';
import type { AppEvent, AppHandlers } from '../apps/app-handlers';
import type { Application } from '@fjord/argo';
import type { RollbackRequest, SyncRequest } from '../apps/sync-request';
import type { Caller } from '../auth/caller';
import { appBody, rollbackBody, syncBody } from './app-bodies';
import { emptyAnswer } from './empty-answer';
import { CurrentCaller } from './request-params';
import { RequirePermission } from './route-metadata';
import { Token } from './tokens';
import { JsonBodyPipe, QueryBoolPipe, QueryEnumPipe, QueryListPipe, QueryStringPipe } from './validation-pipes';

/** Argo CD's application REST paths, `/api/v1/applications`: each handler hands over to AppHandlers. */
@Controller('api/v1/applications')
export class ApplicationsController {
  constructor(@Inject(Token.AppHandlers) private readonly apps: AppHandlers) {}

  /** The apps the caller may see (filtered by the handler), by label selector, projects and name. */
  @Get()
  async list(
    @CurrentCaller() caller: Caller,
    @Query('selector', QueryListPipe) selector: string[],
    @Query('projects', QueryListPipe) projects: string[],
    @Query('project', QueryListPipe) project: string[],
    @Query('name', QueryStringPipe) name: string | undefined,
  ): Promise<{ metadata: object; items: Application[] }> {
    return { metadata: {}, items: await this.apps.list(caller, { selector: selector.join(','), projects: projects.length ? projects : project, name }) };
  }

  /** Creates an app; RBAC on the project named in the body, checked by the handler. */
  @Post()
  @HttpCode(200)
  create(
    @CurrentCaller() caller: Caller,
    @Body(new JsonBodyPipe(appBody)) app: Application,
    @Query('upsert', QueryBoolPipe) upsert: boolean | undefined,
    @Query('validate', QueryBoolPipe) validate: boolean | undefined,
  ): Promise<Application> {
    return this.apps.create(caller, app, { upsert: upsert ?? false, validate });
  }

  @Get(':name')
  @RequirePermission(Resource.Applications, Action.Get)
  get(@CurrentCaller() caller: Caller, @Param('name') name: string): Promise<Application> {
    return this.apps.get(caller, name);
  }

  /** Replaces the app named in the path; a different `metadata.name` in the body is refused. */
  @Put(':name')
  @RequirePermission(Resource.Applications, Action.Update)
  update(
    @CurrentCaller() caller: Caller,
    @Param('name') name: string,
    @Body(new JsonBodyPipe(appBody)) app: Application,
    @Query('validate', QueryBoolPipe) validate: boolean | undefined,
  ): Promise<Application> {
    const meta: unknown = app.metadata ?? {};
    if (typeof meta !== 'object' || meta === null || Array.isArray(meta)) throw new InputError('field metadata must be an object');
    const named = (meta as { name?: unknown }).name;
    if (named !== undefined && named !== name) throw new InputError(`field metadata.name (${String(named)}) does not match the path (${name})`);
    return this.apps.update(caller, { ...app, metadata: { ...meta, name } }, { validate });
  }

  @Delete(':name')
  @RequirePermission(Resource.Applications, Action.Delete)
  delete(
    @CurrentCaller() caller: Caller,
    @Param('name') name: string,
    @Query('cascade', QueryBoolPipe) cascade: boolean | undefined,
    @Query('propagationPolicy', new QueryEnumPipe(Object.values(PropagationPolicy))) propagationPolicy: PropagationPolicy | undefined,
  ): Promise<object> {
    return emptyAnswer(this.apps.delete(caller, name, { cascade, propagationPolicy }));
  }

  @Post(':name/sync')
  @HttpCode(200)
  @RequirePermission(Resource.Applications, Action.Sync)
  sync(@CurrentCaller() caller: Caller, @Param('name') name: string, @Body(new JsonBodyPipe(syncBody)) req: SyncRequest): Promise<Application> {
    return this.apps.sync(caller, name, req);
  }

  @Post(':name/rollback')
  @HttpCode(200)
  @RequirePermission(Resource.Applications, Action.Sync)
  rollback(@CurrentCaller() caller: Caller, @Param('name') name: string, @Body(new JsonBodyPipe(rollbackBody)) req: RollbackRequest): Promise<Application> {
    return this.apps.rollback(caller, name, req);
  }

  /** Argo CD's terminate-op: marks the running operation Terminating; 400 when none runs. */
  @Delete(':name/operation')
  @RequirePermission(Resource.Applications, Action.Sync)
  terminateOperation(@CurrentCaller() caller: Caller, @Param('name') name: string): Promise<object> {
    return emptyAnswer(this.apps.terminateOperation(caller, name));
  }

  @Get(':name/resource-tree')
  @RequirePermission(Resource.Applications, Action.Get)
  async resourceTree(@CurrentCaller() caller: Caller, @Param('name') name: string): Promise<unknown> {
    return applicationTypes.ResourceTree.toJSON(await this.apps.resourceTree(caller, name));
  }

  @Get(':name/managed-resources')
  @RequirePermission(Resource.Applications, Action.Get)
  async managedResources(@CurrentCaller() caller: Caller, @Param('name') name: string): Promise<{ items: unknown[] }> {
    return { items: (await this.apps.managedResources(caller, name)).map((d) => applicationTypes.ResourceDiff.toJSON(d)) };
  }

  @Get(':name/events')
  @RequirePermission(Resource.Applications, Action.Get)
  async events(@CurrentCaller() caller: Caller, @Param('name') name: string): Promise<{ items: AppEvent[] }> {
    return { items: await this.apps.events(caller, name) };
  }
}
