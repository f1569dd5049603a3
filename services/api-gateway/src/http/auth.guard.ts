import { Inject, Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { tokenFrom, type Authenticator } from '../auth/authenticator';
import type { GatewayRequest } from './request-state';
import { RouteMetadata, routeMetadata } from './route-metadata';
import { Token } from './tokens';

/**
 * Authentication for every route: resolves the bearer token (or the UI's cookie) to a Caller and attaches it to the
 * request. Routes marked `@Public()` get the anonymous caller instead; an absent, expired, revoked or refused token
 * is UnauthenticatedError (401) from the Authenticator.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(Token.Authenticator) private readonly authenticator: Authenticator,
  ) {}

  async canActivate(ctx: ExecutionContext): Promise<boolean> {
    const req = ctx.switchToHttp().getRequest<GatewayRequest>();
    const isPublic = routeMetadata(this.reflector, ctx, RouteMetadata.Public);
    req.caller = isPublic ? { subject: '' } : await this.authenticator.authenticate(tokenFrom(req.headers));
    return true;
  }
}
