import 'reflect-metadata';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { GatewayHttpModule, type GatewayCollaborators } from './gateway-http.module';

/** A started REST API: the Nest application (its DI container holds the handlers) and the port it bound. */
export interface HttpServer {
  app: INestApplication;
  port: number;
}

/**
 * Starts the REST API (Nest on Express). Express's body parser is off: the body interceptor reads bodies after
 * authentication, bounded in size, and the pipes parse them.
 */
export async function startHttpServer(collaborators: GatewayCollaborators): Promise<HttpServer> {
  const app = await NestFactory.create(GatewayHttpModule.forRoot(collaborators), { bodyParser: false, logger: false });
  (app.getHttpAdapter().getInstance() as { disable(s: string): void }).disable('x-powered-by');
  const { host, port } = collaborators.http;
  await app.listen(port, host);
  const address = app.getHttpServer().address();
  return { app, port: typeof address === 'object' && address ? address.port : port };
}
