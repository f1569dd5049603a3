import {
  status,
  type handleServerStreamingCall,
  type handleUnaryCall,
  type Metadata,
  type ServiceDefinition,
  type UntypedServiceImplementation,
} from '@grpc/grpc-js';
import { context, propagation, ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import { toGrpcError } from './errors';
import type { ServiceMetrics } from './metrics';
import { metadataGetter } from './trace-metadata';

/** What the server-side interceptors need: where to log and count. */
export interface HandlerContext {
  logger: Logger;
  metrics?: ServiceMetrics;
}

const tracer = () => trace.getTracer('fjord-grpc-server');

/**
 * Wraps every handler of a service implementation with the server-side interceptors: the W3C trace context of
 * the caller is extracted from metadata and a SERVER span is started; errors (Fjord's error set or any throw) are
 * mapped to gRPC statuses in one place; each call is logged at debug and counted.
 */
export function interceptService(
  definition: ServiceDefinition,
  implementation: UntypedServiceImplementation,
  ctx: HandlerContext,
): UntypedServiceImplementation {
  const wrapped: UntypedServiceImplementation = {};
  for (const [key, method] of Object.entries(definition)) {
    const handler = implementation[key];
    if (!handler) continue;
    if (method.requestStream) {
      wrapped[key] = handler; // client and bidi streaming: none in Fjord's contracts yet
    } else if (method.responseStream) {
      wrapped[key] = wrapServerStreaming(method.path, handler as handleServerStreamingCall<unknown, unknown>, ctx);
    } else {
      wrapped[key] = wrapUnary(method.path, handler as handleUnaryCall<unknown, unknown>, ctx);
    }
  }
  return wrapped;
}

function startServerSpan(path: string, metadata: Metadata) {
  const parent = propagation.extract(ROOT_CONTEXT, metadata, metadataGetter);
  const [service, method] = path.replace(/^\//, '').split('/');
  const span = tracer().startSpan(
    path.replace(/^\//, ''),
    { kind: SpanKind.SERVER, attributes: { 'rpc.system': 'grpc', 'rpc.service': service, 'rpc.method': method } },
    parent,
  );
  return { span, ctx: trace.setSpan(parent, span) };
}

function finish(path: string, code: status, started: bigint, hctx: HandlerContext, err?: unknown): void {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  hctx.metrics?.grpcRequests.inc({ method: path, code: status[code] });
  hctx.metrics?.grpcDuration.observe({ method: path }, seconds);
  const fields = { method: path, code: status[code], ms: Math.round(seconds * 1000) };
  if (code === status.INTERNAL || code === status.UNKNOWN) hctx.logger.error({ ...fields, err }, 'gRPC call failed');
  else hctx.logger.debug(fields, 'gRPC call');
}

function wrapUnary(path: string, handler: handleUnaryCall<unknown, unknown>, hctx: HandlerContext): handleUnaryCall<unknown, unknown> {
  return (call, callback) => {
    const started = process.hrtime.bigint();
    const { span, ctx } = startServerSpan(path, call.metadata);
    const done = (err: unknown, value?: unknown) => {
      if (err) {
        const grpcErr = toGrpcError(err);
        span.setStatus({ code: SpanStatusCode.ERROR, message: grpcErr.details });
        span.setAttribute('rpc.grpc.status_code', grpcErr.code);
        finish(path, grpcErr.code, started, hctx, err);
        span.end();
        callback(grpcErr);
      } else {
        span.setAttribute('rpc.grpc.status_code', status.OK);
        finish(path, status.OK, started, hctx);
        span.end();
        callback(null, value);
      }
    };
    context.with(ctx, () => {
      try {
        const result: unknown = handler(call, (err, value) => done(err, value));
        if (result instanceof Promise) result.catch((err: unknown) => done(err));
      } catch (err) {
        done(err);
      }
    });
  };
}

function wrapServerStreaming(
  path: string,
  handler: handleServerStreamingCall<unknown, unknown>,
  hctx: HandlerContext,
): handleServerStreamingCall<unknown, unknown> {
  return (call) => {
    const started = process.hrtime.bigint();
    const { span, ctx } = startServerSpan(path, call.metadata);
    let ended = false;
    const end = (code: status, err?: unknown) => {
      if (ended) return;
      ended = true;
      if (err) span.setStatus({ code: SpanStatusCode.ERROR, message: toGrpcError(err).details });
      finish(path, code, started, hctx, err);
      span.end();
    };
    // grpc-js sends a stream's error status when 'error' is emitted on it; destroy() would drop it and leave the
    // client waiting forever
    const fail = (err: unknown) => {
      const grpcErr = toGrpcError(err);
      end(grpcErr.code, err);
      call.emit('error', Object.assign(new Error(grpcErr.details), grpcErr));
    };
    call.on('finish', () => end(status.OK));
    call.on('cancelled', () => end(status.CANCELLED));
    context.with(ctx, () => {
      try {
        const result: unknown = handler(call);
        if (result instanceof Promise) result.catch((err: unknown) => fail(err));
      } catch (err) {
        fail(err);
      }
    });
  };
}
