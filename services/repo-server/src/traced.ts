import { trace, type Attributes } from '@opentelemetry/api';
import { inSpan } from '@fjord/platform';

const tracer = trace.getTracer('fjord-repo-server');

/** Runs `fn` inside a span named `name` (fetch, resolve, render, cache lookup), recording errors on it. */
export function traced<T>(name: string, attributes: Attributes, fn: () => Promise<T> | T): Promise<T> {
  return inSpan(tracer, name, attributes, fn);
}
