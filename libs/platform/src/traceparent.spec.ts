import { ROOT_CONTEXT, trace, TraceFlags } from '@opentelemetry/api';
import { contextOfTraceparent, traceparentOf } from './traceparent';

const span = { traceId: '4bf92f3577b34da6a3ce929d0e0e4736', spanId: '00f067aa0ba902b7', traceFlags: TraceFlags.SAMPLED };

describe('traceparent', () => {
  it('writes the W3C traceparent of the active span and reads it back as a remote parent', () => {
    const value = traceparentOf(trace.setSpanContext(ROOT_CONTEXT, span));
    expect(value).toBe('00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01');
    expect(trace.getSpanContext(contextOfTraceparent(value!)!)).toEqual({ ...span, isRemote: true });
  });

  it('has nothing to write without a span, and no parent for a malformed value', () => {
    expect(traceparentOf(ROOT_CONTEXT)).toBeUndefined();
    expect(contextOfTraceparent('00-00000000000000000000000000000000-00f067aa0ba902b7-01')).toBeUndefined();
    expect(contextOfTraceparent('not a traceparent')).toBeUndefined();
  });
});
