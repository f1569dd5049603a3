import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { RouteMetadata } from './route-metadata';

/** HTTP methods the API uses. */
export const HttpMethod = { Get: 'GET', Post: 'POST', Put: 'PUT', Delete: 'DELETE' } as const;
export type HttpMethod = (typeof HttpMethod)[keyof typeof HttpMethod];

/** One REST route as its controller declares it: method, path (Nest syntax, `:name`), and whether it needs a token. */
export interface Route {
  method: HttpMethod;
  path: string;
  public: boolean;
}

const join = (...parts: (string | undefined)[]) =>
  '/' +
  parts
    .flatMap((p) => (p ?? '').split('/'))
    .filter(Boolean)
    .join('/');

/** The routes the controllers of `modules` declare, read from Nest's own metadata (so nothing can drift). */
export function declaredRoutes(modules: Type[]): Route[] {
  const controllers = modules.flatMap((m) => (Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, m) ?? []) as Type[]);
  return controllers.flatMap((controller) => {
    const prefix = Reflect.getMetadata(PATH_METADATA, controller) as string | undefined;
    const proto = controller.prototype as Record<string, unknown>;
    return Object.getOwnPropertyNames(proto)
      .map((key) => proto[key])
      .filter((handler): handler is object => typeof handler === 'function' && Reflect.hasMetadata(METHOD_METADATA, handler))
      .map((handler) => ({
        method: RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] as HttpMethod,
        path: join(prefix, Reflect.getMetadata(PATH_METADATA, handler) as string | undefined),
        public: Reflect.getMetadata(RouteMetadata.Public, handler) === true,
      }));
  });
}
