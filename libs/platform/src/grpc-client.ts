import { credentials, InterceptingCall, type Interceptor, type ChannelOptions } from '@grpc/grpc-js';
import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { metadataSetter } from './trace-metadata';

/**
 * Client interceptor that starts a CLIENT span for each call and carries its W3C trace context
 * (traceparent/tracestate) to the server in gRPC metadata.
 */
export const tracingInterceptor: Interceptor = (options, nextCall) => {
  const path = options.method_definition.path.replace(/^\//, '');
  const span = trace.getTracer('fjord-grpc-client').startSpan(path, {
    kind: SpanKind.CLIENT,
    attributes: { 'rpc.system': 'grpc' },
  });
  const ctx = trace.setSpan(context.active(), span);
  return new InterceptingCall(nextCall(options), {
    start(metadata, _listener, next) {
      propagation.inject(ctx, metadata, metadataSetter);
      next(metadata, {
        onReceiveStatus(received, nextStatus) {
          span.setAttribute('rpc.grpc.status_code', received.code);
          if (received.code !== 0) span.setStatus({ code: SpanStatusCode.ERROR, message: received.details });
          span.end();
          nextStatus(received);
        },
      });
    },
  });
};

/** Options for a generated grpc-js client: tracing on, plaintext on loopback and in-cluster by default. */
export function clientOptions(): { interceptors: Interceptor[] } & ChannelOptions {
  return { interceptors: [tracingInterceptor], 'grpc.keepalive_time_ms': 30_000 };
}

/** Plaintext channel credentials; TLS between services is a deployment concern (service mesh or mTLS secret). */
export const insecureCredentials = () => credentials.createInsecure();
