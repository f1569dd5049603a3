import { Inject, Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { Observable, tap } from 'rxjs';
import { httpError } from './http-errors';
import type { GatewayRequest } from './request-state';
import { RouteMetadata, routeMetadata } from './route-metadata';

const tracer = () => trace.getTracer('fjord-api-gateway');

/**
 * One OpenTelemetry SERVER span per REST request past the guards (`GET /api/v1/applications/:name`), continuing
 * the caller's W3C `traceparent` when it sends one, active while the handler runs, so its gRPC calls to the
 * controller and the repo-server join the trace, as the gRPC API's spans do (libs/platform). Routes marked
 * `@OwnTrace()` are left alone. Nest runs guards before interceptors, so a request a guard refuses (401, 403, a
 * hidden app's 404) has no span; the exception filter logs it.
 */
@Injectable()
export class TracingInterceptor implements NestInterceptor {
  constructor(@Inject(Reflector) private readonly reflector: Reflector) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (routeMetadata(this.reflector, ctx, RouteMetadata.OwnTrace)) return next.handle();
    const req = ctx.switchToHttp().getRequest<GatewayRequest & { route?: { path?: string } }>();
    const route = req.route?.path ?? req.path;
    const parent = propagation.extract(ROOT_CONTEXT, req.headers);
    const span = tracer().startSpan(
      `${req.method} ${route}`,
      { kind: SpanKind.SERVER, attributes: { 'http.request.method': req.method ?? '', 'http.route': route, 'url.path': req.path } },
      parent,
    );
    const end = (status: number, message?: string) => {
      span.setAttribute('http.response.status_code', status);
      if (status >= 500) span.setStatus({ code: SpanStatusCode.ERROR, message });
      span.end();
    };
    const traced = next.handle().pipe(
      tap({
        complete: () => end(ctx.switchToHttp().getResponse<{ statusCode: number }>().statusCode),
        error: (err: unknown) => {
          const { status, message } = httpError(err);
          end(status, message);
        },
        unsubscribe: () => span.end(),
      }),
    );
    // Subscribed inside the span's context, so that what the later interceptors and the handler start (promises,
    // gRPC calls) carries it; Nest subscribes only after intercept() has returned.
    const active = trace.setSpan(parent, span);
    return new Observable((subscriber) => context.with(active, () => traced.subscribe(subscriber)));
  }
}
