import { SetMetadata, type ExecutionContext } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import type { Action, Resource } from '@fjord/rbac';

/** Handler metadata keys the guards read. */
export const RouteMetadata = { Public: 'fjord:public', Permission: 'fjord:permission', OwnTrace: 'fjord:own-trace' } as const;

/** Marks a route that needs no token (login, version, webhooks): the auth guard lets it through. */
export const Public = () => SetMetadata(RouteMetadata.Public, true);

/** The RBAC permission a route requires on the object its path names (`:name` app or project, `:project`). */
export interface RequiredPermission {
  resource: Resource;
  action: Action;
}

/**
 * Declares the permission the RBAC guard checks before the handler runs. Routes whose object is not in the path
 * (list, create) carry none: their handler filters the list or checks the object read from the body.
 */
export const RequirePermission = (resource: Resource, action: Action) =>
  SetMetadata(RouteMetadata.Permission, { resource, action } satisfies RequiredPermission);

/**
 * Marks a route whose handler starts a trace of its own (the webhook's `webhook.push`, the root of the trace the
 * controller continues up to Healthy): the tracing interceptor opens no request span around it.
 */
export const OwnTrace = () => SetMetadata(RouteMetadata.OwnTrace, true);

/** What each metadata key holds. */
interface RouteMetadataValues {
  [RouteMetadata.Public]: boolean;
  [RouteMetadata.Permission]: RequiredPermission;
  [RouteMetadata.OwnTrace]: boolean;
}

/** The metadata a route carries under a key: its handler's, else its controller's; undefined when neither has it. */
export function routeMetadata<K extends keyof RouteMetadataValues>(reflector: Reflector, ctx: ExecutionContext, key: K): RouteMetadataValues[K] | undefined {
  return reflector.getAllAndOverride<RouteMetadataValues[K] | undefined>(key, [ctx.getHandler(), ctx.getClass()]);
}
