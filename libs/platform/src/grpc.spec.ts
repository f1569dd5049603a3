import { credentials, Metadata, status, type ServiceError } from '@grpc/grpc-js';
import { trace } from '@opentelemetry/api';
import { InMemorySpanExporter } from '@opentelemetry/sdk-trace-base';
import { health, secrets } from '@fjord/proto';
import { Writable } from 'node:stream';
import { InputError } from './errors';
import { clientOptions } from './grpc-client';
import { startGrpcServer, type StartedGrpcServer } from './grpc-server';
import { createLogger } from './logger';
import { createServiceMetrics } from './metrics';
import { setupTelemetry, type Telemetry } from './telemetry';

const exporter = new InMemorySpanExporter();
let telemetry: Telemetry;
let server: StartedGrpcServer;
const logLines: string[] = [];
const metrics = createServiceMetrics('test');

beforeAll(async () => {
  telemetry = setupTelemetry({ serviceName: 'platform-test', spanExporter: exporter });
  const sink = new Writable({ write: (chunk, _enc, cb) => (logLines.push(String(chunk)), cb()) });
  server = await startGrpcServer({
    host: '127.0.0.1',
    port: 0,
    logger: createLogger({ service: 'test', level: 'debug', destination: sink }),
    metrics,
    services: [
      {
        definition: secrets.SecretsServiceService,
        implementation: {
          getCertificate: (_call: unknown, cb: (e: null, v: secrets.GetCertificateResponse) => void) => cb(null, { certificatePem: 'PEM' }),
          // Async handlers on purpose: the interceptor must answer a rejected promise with its gRPC status.
          /* eslint-disable @typescript-eslint/no-misused-promises */
          seal: async () => {
            throw new InputError('spec.template.data: missing');
          },
          verify: async () => {
            throw new Error('secret internals: key=abc');
          },
          /* eslint-enable @typescript-eslint/no-misused-promises */
        },
      },
    ],
  });
});

afterAll(async () => {
  await server.stop(100);
  await telemetry.shutdown();
});

beforeEach(() => exporter.reset());

const secretsClient = () => new secrets.SecretsServiceClient(`127.0.0.1:${server.port}`, credentials.createInsecure(), clientOptions());

function call<Req, Res>(fn: (req: Req, md: Metadata, cb: (e: ServiceError | null, r: Res) => void) => unknown, req: Req) {
  return new Promise<Res>((resolve, reject) => fn(req, new Metadata(), (e, r) => (e ? reject(e) : resolve(r))));
}

describe('gRPC server and client helpers', () => {
  it('serve the standard health service', async () => {
    const client = new health.HealthClient(`127.0.0.1:${server.port}`, credentials.createInsecure());
    const res = await call<health.HealthCheckRequest, health.HealthCheckResponse>(client.check.bind(client), { service: '' });
    expect(res.status).toBe(health.HealthCheckResponse_ServingStatus.SERVING);
    await expect(call(client.check.bind(client), { service: 'nope' })).rejects.toMatchObject({ code: status.NOT_FOUND });
    client.close();
  });

  it('carry the caller span across the hop: the server span is its child in the same trace', async () => {
    const client = secretsClient();
    await trace.getTracer('test').startActiveSpan('caller', async (caller) => {
      await call(client.getCertificate.bind(client), {});
      caller.end();
    });
    client.close();
    const spans = exporter.getFinishedSpans();
    const callerSpan = spans.find((s) => s.name === 'caller')!;
    const clientSpan = spans.find((s) => s.name === 'fjord.secrets.v1.SecretsService/GetCertificate' && s.kind === 2)!;
    const serverSpan = spans.find((s) => s.name === 'fjord.secrets.v1.SecretsService/GetCertificate' && s.kind === 1)!;
    expect(clientSpan.spanContext().traceId).toBe(callerSpan.spanContext().traceId);
    expect(clientSpan.parentSpanContext?.spanId).toBe(callerSpan.spanContext().spanId);
    expect(serverSpan.spanContext().traceId).toBe(callerSpan.spanContext().traceId);
    expect(serverSpan.parentSpanContext?.spanId).toBe(clientSpan.spanContext().spanId);
  });

  it('map Fjord errors to gRPC codes with their message, and hide unexpected ones', async () => {
    const client = secretsClient();
    await expect(call(client.seal.bind(client), { secret: '', scope: 0 })).rejects.toMatchObject({
      code: status.INVALID_ARGUMENT,
      details: 'spec.template.data: missing',
    });
    await expect(call(client.verify.bind(client), { sealedSecret: '' })).rejects.toMatchObject({
      code: status.INTERNAL,
      details: 'internal error',
    });
    await expect(call(client.rotate.bind(client), { sealedSecret: '' })).rejects.toMatchObject({
      code: status.UNIMPLEMENTED,
    });
    client.close();
    expect(logLines.some((l) => l.includes('"code":"INVALID_ARGUMENT"'))).toBe(true);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/fjord_grpc_server_handled_total\{method="\/fjord.secrets.v1.SecretsService\/Seal",code="INVALID_ARGUMENT",service="test"\} 1/);
  });
});
