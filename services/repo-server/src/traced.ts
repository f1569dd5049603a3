import { SpanStatusCode, trace, type Attributes } from '@opentelemetry/api';

const tracer = trace.getTracer('fjord-repo-server');

/** Runs `fn` inside a span named `name` (fetch, resolve, render, cache lookup), recording errors on it. */
export async function traced<T>(name: string, attributes: Attributes, fn: () => Promise<T> | T): Promise<T> {
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
