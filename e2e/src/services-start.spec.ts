import { credentials, Metadata, type ServiceError } from '@grpc/grpc-js';
import { context, trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { createFjordNamespace, SERVICE_NAMES, spawnService, startOtlpSink, type OtlpSink, type ServiceProcess, type TestNamespace } from '@fjord/devkit';
import { clientOptions, setupTelemetry, type Telemetry } from '@fjord/platform';
import { health } from '@fjord/proto';

// Given Fjord's four services started as separate processes, each exporting traces to a local OTLP receiver,
// when a caller checks each one's health over gRPC inside a trace,
// then each answers SERVING, each serves /metrics, the server span in the other process is a child of the
// caller's span, and each exits cleanly on SIGTERM.

const exporter = new InMemorySpanExporter();
let telemetry: Telemetry;
let sink: OtlpSink;
let fjordNamespace: TestNamespace;
const running: ServiceProcess[] = [];

beforeAll(async () => {
  telemetry = setupTelemetry({ serviceName: 'services-start-test', spanExporter: exporter });
  sink = await startOtlpSink();
  fjordNamespace = await createFjordNamespace('fjord-system');
  const env = {
    FJORD_NAMESPACE: fjordNamespace.name,
    // Other test files run their own secrets services on the same cluster: keep this one to its namespace.
    FJORD_SECRETS_WATCH_NAMESPACE: fjordNamespace.name,
    OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint,
    OTEL_BSP_SCHEDULE_DELAY: '100',
    LOG_LEVEL: 'info',
    KUBECONFIG: process.env.FJORD_TEST_KUBECONFIG,
    REDIS_URL: '',
  };
  const started = await Promise.all(SERVICE_NAMES.map((name) => spawnService(name, { args: ['--port', '0', '--metrics-port', '0'], env })));
  running.push(...started);
}, 90_000);

afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
  await sink?.close();
  await fjordNamespace?.remove();
  await telemetry?.shutdown();
});

function check(client: health.HealthClient, metadata = new Metadata()) {
  return new Promise<health.HealthCheckResponse>((resolve, reject) =>
    client.check({ service: '' }, metadata, (err: ServiceError | null, res) => (err ? reject(err) : resolve(res))),
  );
}

describe('the four services as separate processes', () => {
  it('each serves gRPC health as SERVING and Prometheus metrics', async () => {
    expect(running.map((s) => s.name).sort()).toEqual([...SERVICE_NAMES].sort());
    expect(new Set(running.map((s) => s.child.pid)).size).toBe(4);
    for (const svc of running) {
      const client = new health.HealthClient(`127.0.0.1:${svc.grpcPort}`, credentials.createInsecure());
      await expect(check(client)).resolves.toEqual({ status: health.HealthCheckResponse_ServingStatus.SERVING });
      client.close();
      const metricsText = await (await fetch(`http://127.0.0.1:${svc.metricsPort}/metrics`)).text();
      expect(metricsText).toContain(`fjord_process_cpu_seconds_total{service="${svc.name}"}`);
    }
  });

  it('carries one trace across the gRPC hop into another process', async () => {
    const target = running.find((s) => s.name === 'repo-server')!;
    const client = new health.HealthClient(`127.0.0.1:${target.grpcPort}`, credentials.createInsecure(), clientOptions());
    const caller = trace.getTracer('test').startSpan('user clicks refresh');
    await context.with(trace.setSpan(context.active(), caller), () => check(client));
    caller.end();
    client.close();

    const clientSpan = exporter.getFinishedSpans().find((s) => s.name === 'grpc.health.v1.Health/Check')!;
    expect(clientSpan.spanContext().traceId).toBe(caller.spanContext().traceId);
    const serverSpan = await sink.waitForSpan(
      (s) => s.service === 'repo-server' && s.name === 'grpc.health.v1.Health/Check' && s.traceId === caller.spanContext().traceId,
    );
    expect(serverSpan.parentSpanId).toBe(clientSpan.spanContext().spanId);
  });

  it('each shuts down cleanly on SIGTERM', async () => {
    const codes = await Promise.all(running.map((s) => s.stop()));
    expect(codes).toEqual([0, 0, 0, 0]);
  });
});
