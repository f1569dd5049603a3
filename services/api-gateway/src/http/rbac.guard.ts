import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { Resource } from '@fjord/rbac';
import type { AppHandlers } from '../apps/app-handlers';
import { appRbacObject } from '../apps/app-rbac-object';
import type { Authorizer } from '../auth/authorizer';
import type { Caller } from '../auth/caller';
import type { GatewayRequest } from './request-state';
import { RouteMetadata, routeMetadata } from './route-metadata';
import { Token } from './tokens';

/**
 * Authorisation before the handler: checks the handler's `@RequirePermission` on the object its path names, as
 * Argo CD words it (`<project>/<app>` for applications, the project's name for projects). An app the caller may not
 * see reads as missing (404), like the handlers answer; a visible app without the permission is 403. The handlers
 * check again, because the gRPC API calls them directly.
 */
@Injectable()
export class RbacGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(Token.Authorizer) private readonly authz: Authorizer,
    @Inject(Token.AppHandlers) private readonly apps: AppHandlers,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const required = routeMetadata(this.reflector, ctx, RouteMetadata.Permission);
    if (!required) return true;
    const req = ctx.switchToHttp().getRequest<GatewayRequest>();
    const caller = req.caller ?? { subject: '' };
    this.authz.check(caller, required.resource, required.action, await this.objectOf(required.resource, req.params, caller));
    return true;
  }

  /** The RBAC object the path names. */
  private async objectOf(resource: string, params: Record<string, string>, caller: Caller): Promise<string> {
    if (resource === Resource.Applications) return appRbacObject(await this.apps.get(caller, params.name));
    return params.project ?? params.name;
  }
}
