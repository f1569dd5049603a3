import { metrics, propagation, trace } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPMetricExporter } from '@opentelemetry/exporter-metrics-otlp-http';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { MeterProvider, PeriodicExportingMetricReader } from '@opentelemetry/sdk-metrics';
import { BatchSpanProcessor, type SpanExporter, type SpanProcessor, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME, ATTR_SERVICE_VERSION } from '@opentelemetry/semantic-conventions';

/** Options of a process's OpenTelemetry setup. */
export interface TelemetryOptions {
  serviceName: string;
  serviceVersion?: string;
  /** OTLP/HTTP base URL; traces go to `<endpoint>/v1/traces`, metrics to `<endpoint>/v1/metrics`. Unset: no export. */
  otlpEndpoint?: string;
  /** Extra exporter, e.g. an in-memory one in tests; spans reach it synchronously. */
  spanExporter?: SpanExporter;
  /** How long spans wait in the batch before export (ms). */
  batchDelayMs?: number;
  /** How often metrics are exported over OTLP (ms). */
  metricIntervalMs?: number;
}

/** What setupTelemetry registered, with the one call that flushes and stops it. */
export interface Telemetry {
  tracerProvider: NodeTracerProvider;
  meterProvider?: MeterProvider;
  /** Flushes pending spans and metrics; call once on shutdown. */
  shutdown(): Promise<void>;
}

/**
 * Registers the global tracer provider (W3C trace context propagation, async-local context) and, when an OTLP
 * endpoint is configured, exporters for traces and metrics.
 */
export function setupTelemetry(options: TelemetryOptions): Telemetry {
  const resource = resourceFromAttributes({
    [ATTR_SERVICE_NAME]: options.serviceName,
    [ATTR_SERVICE_VERSION]: options.serviceVersion ?? '0.0.0',
  });
  const endpoint = options.otlpEndpoint?.replace(/\/+$/, '');
  const spanProcessors: SpanProcessor[] = [];
  if (endpoint) {
    spanProcessors.push(
      new BatchSpanProcessor(new OTLPTraceExporter({ url: `${endpoint}/v1/traces` }), {
        scheduledDelayMillis: options.batchDelayMs ?? 2000,
      }),
    );
  }
  if (options.spanExporter) spanProcessors.push(new SimpleSpanProcessor(options.spanExporter));

  const tracerProvider = new NodeTracerProvider({ resource, spanProcessors });
  tracerProvider.register({ propagator: new W3CTraceContextPropagator() });

  let meterProvider: MeterProvider | undefined;
  if (endpoint) {
    meterProvider = new MeterProvider({
      resource,
      readers: [
        new PeriodicExportingMetricReader({
          exporter: new OTLPMetricExporter({ url: `${endpoint}/v1/metrics` }),
          exportIntervalMillis: options.metricIntervalMs ?? 30_000,
        }),
      ],
    });
    metrics.setGlobalMeterProvider(meterProvider);
  }

  return {
    tracerProvider,
    meterProvider,
    async shutdown() {
      await Promise.allSettled([tracerProvider.shutdown(), meterProvider?.shutdown()]);
      trace.disable();
      propagation.disable();
      metrics.disable();
    },
  };
}
