import { defaultTextMapGetter, defaultTextMapSetter, ROOT_CONTEXT, trace, type Context } from '@opentelemetry/api';
import { TRACE_PARENT_HEADER, W3CTraceContextPropagator } from '@opentelemetry/core';

// W3C trace context as one string, for hops that are not requests (an annotation on a resource that another
// process reacts to). Uses the W3C propagator directly, whatever propagator the process registered.
const w3c = new W3CTraceContextPropagator();

/** The W3C `traceparent` of the span active in `ctx`; undefined when there is none (tracing off). */
export function traceparentOf(ctx: Context): string | undefined {
  const carrier: Record<string, string> = {};
  w3c.inject(ctx, carrier, defaultTextMapSetter);
  return carrier[TRACE_PARENT_HEADER];
}

/** A context whose (remote) parent is the span a `traceparent` names; undefined when the value is malformed. */
export function contextOfTraceparent(traceparent: string): Context | undefined {
  const ctx = w3c.extract(ROOT_CONTEXT, { [TRACE_PARENT_HEADER]: traceparent }, defaultTextMapGetter);
  return trace.getSpanContext(ctx) ? ctx : undefined;
}
