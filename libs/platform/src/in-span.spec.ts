import { SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { inSpan } from './in-span';
import { setupTelemetry, type Telemetry } from './telemetry';

describe('inSpan', () => {
  const exporter = new InMemorySpanExporter();
  let telemetry: Telemetry;
  beforeAll(() => {
    telemetry = setupTelemetry({ serviceName: 'in-span-test', spanExporter: exporter });
  });
  afterAll(() => telemetry.shutdown());
  beforeEach(() => exporter.reset());

  it('returns what fn returns, in a span with the given name and attributes that is active inside fn', async () => {
    const tracer = trace.getTracer('test');
    const result = await inSpan(tracer, 'work', { 'fjord.app': 'a' }, async () => trace.getActiveSpan()?.spanContext().spanId);
    const [span] = exporter.getFinishedSpans();
    expect(span).toMatchObject({ name: 'work', attributes: { 'fjord.app': 'a' } });
    expect(result).toBe(span.spanContext().spanId);
  });

  it('rethrows a failure and records it on the span', async () => {
    await expect(
      inSpan(trace.getTracer('test'), 'broken', {}, () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(exporter.getFinishedSpans()[0].status).toEqual({ code: SpanStatusCode.ERROR, message: 'boom' });
  });
});
