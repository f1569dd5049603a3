import 'reflect-metadata';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Controller, Delete, Get, HttpCode, Module, Post, Put, Req, Res, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { Logger } from '@fjord/platform';
import { tokenFrom, type Authenticator } from '../auth/authenticator';
import type { Caller } from '../auth/caller';
import type { TrustedProxies } from '../auth/client-address';
import { parseJson, readBody } from './body';
import { errorFilter } from './http-errors';
import { HttpMethod, type Route, type RouteContext } from './route';

const methodDecorator = { [HttpMethod.Get]: Get, [HttpMethod.Post]: Post, [HttpMethod.Put]: Put, [HttpMethod.Delete]: Delete };

/** Options of the HTTP server. */
export interface HttpServerOptions {
  host: string;
  port: number;
  maxBodyBytes: number;
  routes: Route[];
  authenticator: Authenticator;
  /** Whose `X-Forwarded-For` names the client (rate limits and logs); otherwise the socket's peer. */
  trustedProxies: TrustedProxies;
  logger: Logger;
}

type ExpressRequest = IncomingMessage & { params: Record<string, string>; query: Record<string, string | string[] | undefined> };

function contextFor(req: ExpressRequest, res: ServerResponse, caller: Caller, options: HttpServerOptions): RouteContext {
  const { maxBodyBytes } = options;
  let body: Promise<Buffer> | undefined;
  const rawBody = () => (body ??= readBody(req, maxBodyBytes));
  return {
    caller,
    params: req.params ?? {},
    query: req.query ?? {},
    headers: req.headers,
    client: options.trustedProxies.clientAddress(req.socket.remoteAddress, req.headers['x-forwarded-for']),
    rawBody,
    json: async () => parseJson(await rawBody()),
    req,
    res,
  };
}

/**
 * Builds the Nest controller of the REST API from the route table. The repository compiles with standard
 * (TC39) decorators, which cannot decorate parameters, so Nest's decorators are applied as plain functions here.
 * Each handler authenticates (unless the route is public), runs, and returns JSON; errors reach the filter.
 */
function restController(options: HttpServerOptions): new () => object {
  class RestController {}
  const proto = RestController.prototype as unknown as Record<string, unknown>;
  options.routes.forEach((route, i) => {
    const key = `route${i}`;
    proto[key] = async function (req: ExpressRequest, res: ServerResponse) {
      const caller = route.public ? ({ subject: '' } as Caller) : await options.authenticator.authenticate(tokenFrom(req.headers));
      const result = await route.handle(contextFor(req, res, caller, options));
      return route.streams ? undefined : (result ?? {});
    };
    const descriptor = Object.getOwnPropertyDescriptor(proto, key)!;
    methodDecorator[route.method](route.path)(proto, key, descriptor);
    HttpCode(200)(proto, key, descriptor);
    Req()(proto, key, 0);
    Res({ passthrough: !route.streams })(proto, key, 1);
  });
  Controller()(RestController);
  return RestController;
}

/** Starts the REST API (Nest on Express) and resolves with the app and the port it bound. */
export async function startHttpServer(options: HttpServerOptions): Promise<{ app: INestApplication; port: number }> {
  class RestModule {}
  Module({ controllers: [restController(options)] })(RestModule);
  const app = await NestFactory.create(RestModule, { bodyParser: false, logger: false });
  app.useGlobalFilters(errorFilter(options.logger));
  (app.getHttpAdapter().getInstance() as { disable(s: string): void }).disable('x-powered-by');
  await app.listen(options.port, options.host);
  const address = app.getHttpServer().address();
  return { app, port: typeof address === 'object' && address ? address.port : options.port };
}
