/**
 * The REST API's tracing interceptor, seen from an OTLP receiver: a request past the guards is one SERVER span named
 * after its route, continuing the caller's W3C traceparent, with the answer's status; the gRPC calls its handler
 * makes join that span; the webhook route opens none of its own (its `webhook.push` span is the root, ADR 0003).
 */
import { randomBytes } from 'node:crypto';
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import {
  createFjordNamespace,
  readAdminPassword,
  spawnTestGateway,
  startOtlpSink,
  testKubeConfig,
  type OtlpSink,
  type ServiceProcess,
  type TestNamespace,
} from '@fjord/devkit';

jest.setTimeout(120_000);
const SERVER_KIND = 2; // OTLP's SPAN_KIND_SERVER

let kc: KubeConfig;
let ns: TestNamespace;
let sink: OtlpSink;
let gateway: ServiceProcess;
let base: string;
let token: string;

const hex = (bytes: number) => randomBytes(bytes).toString('hex');
const get = (path: string, headers: Record<string, string> = {}) => fetch(`${base}${path}`, { headers: { Authorization: `Bearer ${token}`, ...headers } });

beforeAll(async () => {
  kc = testKubeConfig();
  ns = await createFjordNamespace('fjord-trace', kc);
  sink = await startOtlpSink();
  // Nothing listens on 127.0.0.1:1: calls to the controller fail fast, which is enough to see their spans.
  const started = await spawnTestGateway({
    namespace: ns.name,
    env: { KUBECONFIG: process.env.FJORD_TEST_KUBECONFIG, LOG_LEVEL: 'warn', OTEL_EXPORTER_OTLP_ENDPOINT: sink.endpoint, OTEL_BSP_SCHEDULE_DELAY: '100' },
  });
  gateway = started.process;
  base = started.url;
  const password = await readAdminPassword(kc, ns.name);
  const login = await fetch(`${base}/api/v1/session`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password }),
  });
  token = ((await login.json()) as { token: string }).token;
  await kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({
    group: 'argoproj.io',
    version: 'v1alpha1',
    plural: 'applications',
    namespace: ns.name,
    body: {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: 'traced' },
      spec: {
        project: 'default',
        source: { repoURL: 'https://example.com/r.git', path: '.' },
        destination: { server: 'https://kubernetes.default.svc', namespace: 'default' },
      },
    },
  });
});

afterAll(async () => {
  await gateway?.stop();
  await sink?.close();
  await ns?.remove();
});

it('records a request as a SERVER span named after its route, inside the trace the caller sent, with its status', async () => {
  const traceId = hex(16);
  const parentSpanId = hex(8);
  expect((await get('/api/v1/applications/traced', { traceparent: `00-${traceId}-${parentSpanId}-01` })).status).toBe(200);
  const span = await sink.waitForSpan((s) => s.traceId === traceId && s.service === 'api-gateway');
  expect(span).toMatchObject({
    name: 'GET /api/v1/applications/:name',
    parentSpanId,
    kind: SERVER_KIND,
    attributes: {
      'http.request.method': 'GET',
      'http.route': '/api/v1/applications/:name',
      'url.path': '/api/v1/applications/traced',
      'http.response.status_code': 200,
    },
  });

  // A body the validation pipe refuses is answered inside the span: its status is the 400.
  const refused = hex(16);
  const res = await fetch(`${base}/api/v1/applications/traced/sync`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${token}`, traceparent: `00-${refused}-${hex(8)}-01` },
    body: '{"prune": tru',
  });
  expect(res.status).toBe(400);
  expect((await sink.waitForSpan((s) => s.traceId === refused)).attributes).toMatchObject({
    'http.route': '/api/v1/applications/:name/sync',
    'http.response.status_code': 400,
  });
});

it("makes the request span the parent of the handler's gRPC calls", async () => {
  const traceId = hex(16);
  const res = await get('/api/v1/applications/traced/resource-tree', { traceparent: `00-${traceId}-${hex(8)}-01` });
  expect(res.status).toBeGreaterThanOrEqual(500); // the controller is unreachable
  const request = await sink.waitForSpan((s) => s.traceId === traceId && s.name === 'GET /api/v1/applications/:name/resource-tree');
  const call = await sink.waitForSpan((s) => s.traceId === traceId && s.parentSpanId === request.spanId);
  expect(call.name).toMatch(/ResourceTree$/);
  expect(request.attributes['http.response.status_code']).toBe(res.status);
});

it('opens no request span around the webhook, whose push span starts its own trace', async () => {
  const traceId = hex(16);
  const res = await fetch(`${base}/api/webhook`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', traceparent: `00-${traceId}-${hex(8)}-01` },
    body: '{}',
  });
  expect(res.status).toBe(400); // no provider header
  // A later request's span arriving shows the exporter has flushed past the webhook call.
  const marker = hex(16);
  await get('/api/version', { traceparent: `00-${marker}-${hex(8)}-01` });
  await sink.waitForSpan((s) => s.traceId === marker);
  expect(sink.spans.filter((s) => s.traceId === traceId || s.name.includes('/api/webhook'))).toEqual([]);
});
