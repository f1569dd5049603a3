import { SpanStatusCode, type Attributes, type Tracer } from '@opentelemetry/api';

/** Runs `fn` in a span named `name` of the active trace, recording a throw on the span. */
export async function inSpan<T>(tracer: Tracer, name: string, attributes: Attributes, fn: () => Promise<T> | T): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await fn();
    } catch (err) {
      span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
      throw err;
    } finally {
      span.end();
    }
  });
}
