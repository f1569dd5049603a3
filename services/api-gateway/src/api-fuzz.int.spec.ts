/**
 * API fuzz test (issue 15 part 8): every REST route and every gRPC method of the gateway, enumerated from the route
 * table and the gRPC service definitions (so a new route is fuzzed without touching this file), and every path of
 * the secrets service's HTTP API, get malformed, oversized, deeply nested and wrongly typed input, as the admin and
 * unauthenticated. Each answer is a 4xx (gRPC: neither INTERNAL, UNKNOWN, UNAVAILABLE nor a deadline) within a
 * second, and every service is healthy afterwards. fast-check with a fixed seed, so a failure replays.
 */
import { Client, Metadata, status as GrpcStatus, type ServiceError } from '@grpc/grpc-js';
import fc from 'fast-check';
import { spawnService, type ServiceProcess } from '@fjord/devkit';
import { applicationTypes, health, project as projectWire } from '@fjord/proto';
import { HttpPath } from '@fjord/secrets';
import { restRoutes } from './gateway';
import { grpcServices } from './grpc/grpc-services';
import type { Route } from './http/route';
import { grpcCall, insecure, startGatewayHarness, type GatewayHarness } from '../test/gateway-harness';

jest.setTimeout(180_000);

const SEED = 20_261_129;
const RUNS = 12; // per route or method, per caller
const ANSWER_MS = 1_000;
/** Dependencies that are never called: building the route table and the service definitions only reads their shape. */
const stubs = new Proxy({}, { get: () => ({}) }) as never;
const routes: Route[] = restRoutes(stubs);
const grpcMethods = grpcServices(stubs).flatMap((r) =>
  Object.values(r.definition).map((m) => ({
    path: m.path,
    stream: m.responseStream,
    serialize: m.requestSerialize as (v: unknown) => Buffer,
    base: m.requestDeserialize(Buffer.alloc(0)) as Record<string, unknown>,
  })),
);

let h: GatewayHarness;
let secrets: ServiceProcess;
let secretsHttp: string;
let client: Client;
const slowest = { rest: 0, grpc: 0, secrets: 0 };
let cases = 0;

beforeAll(async () => {
  h = await startGatewayHarness({ prefix: 'fjord-fuzz', controller: true });
  let httpPort = 0;
  secrets = await spawnService('secrets', {
    args: ['--port', '0', '--metrics-port', '0', '--http-port', '0', '--namespace', h.ns.name, '--watch-namespace', h.ns.name, '--key-size', '2048'],
    env: { KUBECONFIG: process.env.FJORD_TEST_KUBECONFIG, LOG_LEVEL: 'info' },
    onLine: (line) => {
      if (line.includes('serving the sealing API')) httpPort = (JSON.parse(line) as { httpPort: number }).httpPort;
    },
  });
  for (let i = 0; i < 100 && !httpPort; i++) await new Promise((r) => setTimeout(r, 100));
  secretsHttp = `http://127.0.0.1:${httpPort}`;
  client = new Client(h.grpcAddress, insecure());
}, 180_000);

afterAll(async () => {
  client?.close();
  await secrets?.stop();
  await h?.stop();
  console.log(
    `API fuzz: ${routes.length} REST routes, ${grpcMethods.length} gRPC methods, ${Object.keys(HttpPath).length} secrets paths; ${cases} cases, seed ${SEED}; slowest answers (ms): ${JSON.stringify(slowest)}`,
  );
});

// ---- inputs ----------------------------------------------------------------------------------------------------

const deep = (depth: number) => '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
const weirdString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom(
    '',
    ' ',
    '..',
    '../../etc/passwd',
    '%',
    '%zz',
    '\u0000',
    'a'.repeat(2_000),
    'UPPER_case',
    'https://u:p@h/r',
    '[object Object]',
    '{"a":',
    deep(5_000),
  ),
);
/** Path parameters: odd but short (a URL has a length limit of its own). */
const paramString = fc.oneof(
  fc.string({ maxLength: 30 }),
  fc.string({ unit: 'binary', maxLength: 30 }),
  fc.constantFrom('', '..', '%', '%zz', '\u0000', '[object Object]', 'a'.repeat(300)),
);
/** A JSON value, sometimes wrongly typed where an object is expected. */
const jsonish = fc.jsonValue({ maxDepth: 4 });
/** Application-like bodies with a random field of the wrong type. */
const appLike = fc.record(
  {
    metadata: fc.oneof(
      fc.record({ name: fc.oneof(weirdString, jsonish), labels: fc.oneof(jsonish, fc.dictionary(fc.string({ maxLength: 5 }), jsonish)) }, { requiredKeys: [] }),
      jsonish,
    ),
    spec: fc.oneof(
      jsonish,
      fc.record(
        {
          project: fc.oneof(fc.constant('default'), jsonish),
          source: fc.oneof(
            jsonish,
            fc.record(
              { repoURL: fc.oneof(weirdString, jsonish), path: fc.oneof(weirdString, jsonish), targetRevision: jsonish, helm: jsonish },
              { requiredKeys: [] },
            ),
          ),
          sources: jsonish,
          destination: fc.oneof(
            jsonish,
            fc.record(
              { server: fc.oneof(fc.constant('https://kubernetes.default.svc'), jsonish), namespace: fc.oneof(weirdString, jsonish) },
              { requiredKeys: [] },
            ),
          ),
          syncPolicy: jsonish,
          revisionHistoryLimit: jsonish,
        },
        { requiredKeys: [] },
      ),
    ),
    project: jsonish,
    upsert: jsonish,
    resources: jsonish,
    syncOptions: jsonish,
    strategy: jsonish,
    id: jsonish,
    username: jsonish,
    password: jsonish,
  },
  { requiredKeys: [] },
);
const restBody = fc.oneof(
  { weight: 3, arbitrary: appLike.map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: jsonish.map((v) => JSON.stringify(v)) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 200 }) },
  { weight: 1, arbitrary: fc.constantFrom('{"metadata": {"name": "x"', '[[[[', 'null', '"str"', '1e999', '{"__proto__": {"polluted": true}}') },
  { weight: 1, arbitrary: fc.integer({ min: 101, max: 200_000 }).map((d) => '['.repeat(d) + ']'.repeat(d)) },
  { weight: 1, arbitrary: fc.integer({ min: 101, max: 50_000 }).map(deep) },
);
const queryValue = fc.oneof(fc.constantFrom('true', 'false', '1', ''), weirdString);

/** A route path with its `:params` filled with random (encoded) strings. */
const restRequest = (route: Route) =>
  fc.record({
    params: fc.array(paramString, { minLength: 5, maxLength: 5 }),
    query: fc.dictionary(fc.constantFrom('validate', 'upsert', 'cascade', 'propagationPolicy', 'name', 'projects', 'selector', 'x'), queryValue, {
      maxKeys: 3,
    }),
    body: route.method === 'GET' ? fc.constant(null) : route.method === 'DELETE' ? fc.option(restBody) : restBody,
  });

function fill(path: string, params: string[]): string {
  let i = 0;
  return path.replace(/:\w+/g, () => encodeURIComponent(params[i++] || 'x'));
}

// ---- checks ----------------------------------------------------------------------------------------------------

async function restAnswer(url: string, method: string, body: string | null, token?: string) {
  const started = Date.now();
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), ANSWER_MS * 3);
  try {
    const res = await fetch(url, {
      method,
      body: body ?? undefined,
      headers: { 'Content-Type': 'application/json', ...(token ? { Authorization: `Bearer ${token}` } : {}) },
      signal: abort.signal,
    });
    const ms = Date.now() - started;
    const text = res.headers.get('content-type')?.includes('event-stream') ? '' : await res.text();
    return { status: res.status, ms, text };
  } finally {
    clearTimeout(timer);
    abort.abort();
  }
}

/** A fresh admin token per test: fuzzing the logout route (REST or gRPC) revokes the token it used. */
let adminToken: string | undefined;
const callers = [
  ['the admin', () => adminToken],
  ['an unauthenticated caller', () => undefined],
] as const;

describe.each(callers)('every REST route, as %s', (who, token) => {
  beforeEach(async () => {
    adminToken = who === 'the admin' ? await h.login() : undefined;
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s answers bad input with a 4xx within a second', async (_name, route) => {
    await fc.assert(
      fc.asyncProperty(restRequest(route), async ({ params, query, body }) => {
        cases++;
        const qs = new URLSearchParams(query).toString();
        const res = await restAnswer(`${h.base}${fill(route.path, params)}${qs ? `?${qs}` : ''}`, route.method, body, token());
        slowest.rest = Math.max(slowest.rest, res.ms);
        if (res.status >= 500 || res.ms > ANSWER_MS)
          throw new Error(`${route.method} ${route.path} answered ${res.status} in ${res.ms} ms: ${res.text.slice(0, 300)}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // and one body over the size limit
    const big = await restAnswer(`${h.base}${fill(route.path, [])}`, route.method === 'GET' ? 'POST' : route.method, 'x'.repeat(5 * 1024 * 1024), token());
    expect(big.status).toBeLessThan(500);
  });
});

// ---- gRPC ------------------------------------------------------------------------------------------------------

/** Random values shaped like a message's fields (read from its decoded default), with JSON-in-string fields abused. */
function messageArbitrary(base: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const fields: Record<string, fc.Arbitrary<unknown>> = {};
  for (const [key, value] of Object.entries(base)) {
    if (typeof value === 'string') fields[key] = weirdString;
    else if (typeof value === 'number') fields[key] = fc.oneof(fc.integer(), fc.constantFrom(-1, 0, 2 ** 31 - 1, Number.MAX_SAFE_INTEGER));
    else if (typeof value === 'boolean') fields[key] = fc.boolean();
    else if (Array.isArray(value)) fields[key] = fc.array(weirdString, { maxLength: 3 });
    else if (value && typeof value === 'object') fields[key] = fc.dictionary(fc.string({ maxLength: 8 }), fc.string({ maxLength: 8 }), { maxKeys: 3 });
    else if (key === 'application') fields[key] = wireApp;
    else if (key === 'project') fields[key] = wireProject;
    else fields[key] = fc.option(fc.boolean());
  }
  return fc.record(fields, { requiredKeys: [] });
}
const jsonField = fc.oneof(
  weirdString,
  jsonish.map((v) => JSON.stringify(v)),
  fc.integer({ min: 101, max: 100_000 }).map(deep),
);
const wireApp = fc
  .record(
    {
      name: weirdString,
      project: weirdString,
      repoUrl: weirdString,
      path: weirdString,
      helmJson: jsonField,
      ignoreDifferencesJson: jsonField,
      server: weirdString,
      namespace: weirdString,
    },
    { requiredKeys: [] },
  )
  .map((a) =>
    applicationTypes.Application.fromPartial({
      metadata: { name: a.name },
      spec: {
        project: a.project,
        source: { repoUrl: a.repoUrl, path: a.path, helmJson: a.helmJson },
        ignoreDifferencesJson: a.ignoreDifferencesJson,
        destination: { server: a.server, namespace: a.namespace },
      },
    }),
  );
const wireProject = fc
  .record({ name: weirdString, sourceRepos: fc.array(weirdString, { maxLength: 3 }), namespace: weirdString }, { requiredKeys: [] })
  .map((p) =>
    projectWire.AppProject.fromPartial({ name: p.name, spec: { sourceRepos: p.sourceRepos, destinations: [{ server: '*', namespace: p.namespace }] } }),
  );

const grpcBytes = (m: (typeof grpcMethods)[number]) =>
  fc.oneof(
    { weight: 3, arbitrary: messageArbitrary(m.base).map((v) => safeEncode(m, v)) },
    { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((b) => Buffer.from(b)) },
    { weight: 1, arbitrary: fc.tuple(messageArbitrary(m.base), fc.nat(), fc.integer({ min: 1, max: 255 })).map(([v, at, x]) => flip(safeEncode(m, v), at, x)) },
  );

function safeEncode(m: (typeof grpcMethods)[number], value: unknown): Buffer {
  try {
    return m.serialize(value);
  } catch {
    return m.serialize(m.base);
  }
}

function flip(bytes: Buffer, at: number, x: number): Buffer {
  if (!bytes.length) return Buffer.from([0xff, 0xff, 0xff]);
  const out = Buffer.from(bytes);
  out[at % out.length] ^= x;
  return out;
}

const badCodes = new Set([GrpcStatus.INTERNAL, GrpcStatus.UNKNOWN, GrpcStatus.UNAVAILABLE, GrpcStatus.DEADLINE_EXCEEDED]);
const raw = (b: Buffer) => b;

function grpcAnswer(m: (typeof grpcMethods)[number], bytes: Buffer, token?: string): Promise<{ code: number; details: string; ms: number }> {
  const md = new Metadata();
  if (token) md.set('authorization', `Bearer ${token}`);
  const started = Date.now();
  const deadline = Date.now() + ANSWER_MS;
  return new Promise((resolve) => {
    if (!m.stream) {
      client.makeUnaryRequest(m.path, raw, raw, bytes, md, { deadline }, (err: ServiceError | null) =>
        resolve({ code: err?.code ?? GrpcStatus.OK, details: err?.details ?? '', ms: Date.now() - started }),
      );
      return;
    }
    // An authenticated stream that is still open and healthy after the deadline passed the test; an error must not
    // be a bad code. An unauthenticated one must be refused within the deadline, not left open.
    const call = client.makeServerStreamRequest(m.path, raw, raw, bytes, md, {});
    const timer = setTimeout(() => {
      call.cancel();
      resolve(
        token
          ? { code: GrpcStatus.OK, details: 'open', ms: Date.now() - started }
          : { code: GrpcStatus.UNKNOWN, details: 'an unauthenticated stream stayed open', ms: Date.now() - started },
      );
    }, ANSWER_MS / 2);
    call.on('data', () => undefined);
    call.on('error', (err: ServiceError) => {
      clearTimeout(timer);
      resolve({ code: err.code === GrpcStatus.CANCELLED ? GrpcStatus.OK : err.code, details: err.details, ms: Date.now() - started });
    });
    call.on('end', () => {
      clearTimeout(timer);
      resolve({ code: GrpcStatus.OK, details: 'ended', ms: Date.now() - started });
    });
  });
}

describe.each(callers)('every gRPC method, as %s', (who, token) => {
  beforeEach(async () => {
    adminToken = who === 'the admin' ? await h.login() : undefined;
  });

  it.each(grpcMethods.map((m) => [m.path, m] as const))('%s answers bad input with a client error within a second', async (_path, m) => {
    await fc.assert(
      fc.asyncProperty(grpcBytes(m), async (bytes) => {
        cases++;
        const res = await grpcAnswer(m, bytes, token());
        slowest.grpc = Math.max(slowest.grpc, res.ms);
        if (badCodes.has(res.code)) throw new Error(`${m.path} answered ${GrpcStatus[res.code]} in ${res.ms} ms: ${res.details}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // and one message over the size limit
    const big = await grpcAnswer(m, safeEncode(m, { ...m.base, name: 'x'.repeat(5 * 1024 * 1024) }), token());
    expect(badCodes.has(big.code)).toBe(false);
  });
});

// ---- the secrets service's HTTP API ----------------------------------------------------------------------------

describe('every path of the secrets HTTP API', () => {
  const sealedLike = fc.record(
    {
      apiVersion: jsonish,
      kind: fc.oneof(fc.constant('SealedSecret'), jsonish),
      metadata: jsonish,
      spec: fc.oneof(
        jsonish,
        fc.record(
          { encryptedData: fc.oneof(jsonish, fc.dictionary(fc.string({ maxLength: 5 }), fc.oneof(weirdString, jsonish))), template: jsonish, data: jsonish },
          { requiredKeys: [] },
        ),
      ),
    },
    { requiredKeys: [] },
  );
  const body = fc.oneof(
    sealedLike.map((v) => JSON.stringify(v)),
    restBody,
    fc.string({ maxLength: 200 }),
  );

  it.each(Object.values(HttpPath))('%s answers bad input with a 4xx within a second', async (path) => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'), body, async (method, b) => {
        cases++;
        const res = await restAnswer(`${secretsHttp}${path}`, method, method === 'GET' ? null : b);
        slowest.secrets = Math.max(slowest.secrets, res.ms);
        if (res.status >= 500 || res.ms > ANSWER_MS) throw new Error(`${method} ${path} answered ${res.status} in ${res.ms} ms: ${res.text.slice(0, 300)}`);
      }),
      { seed: SEED, numRuns: RUNS * 2, endOnFailure: true },
    );
    expect((await restAnswer(`${secretsHttp}${path}`, 'POST', 'x'.repeat(5 * 1024 * 1024))).status).toBeLessThan(500);
  });
});

describe('afterwards', () => {
  it('every service is alive and healthy', async () => {
    for (const p of [...h.processes, secrets]) expect({ name: p.name, exitCode: p.child.exitCode }).toEqual({ name: p.name, exitCode: null });
    expect((await h.call('GET', '/api/version')).status).toBe(200);
    expect((await h.call('GET', '/api/v1/applications', { token: await h.login() })).status).toBe(200);
    const healthClient = new health.HealthClient(h.grpcAddress, insecure());
    const answer = await grpcCall<health.HealthCheckRequest, health.HealthCheckResponse>(healthClient, healthClient.check, { service: '' }, new Metadata());
    expect(answer.status).toBe(health.HealthCheckResponse_ServingStatus.SERVING);
    healthClient.close();
    expect(await (await fetch(`${secretsHttp}/healthz`)).text()).toBe('ok\n');
  });
});
