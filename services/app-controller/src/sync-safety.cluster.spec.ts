import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import fc from 'fast-check';
import { ClusterCache } from '@fjord/cluster-cache';
import { createTestNamespace, eventually, installCrds, testKubeConfig, type TestNamespace } from '@fjord/devkit';
import { getResourceHealth } from '@fjord/health';
import type { KubeObject } from '@fjord/k8s-yaml';
import { createLogger } from '@fjord/platform';
import type { repository } from '@fjord/proto';
import type { Application } from '@fjord/argo';
import { AppComparer } from './app-comparison';
import { AppEvents } from './app-events';
import { AppWriter } from './app-writer';
import { DryRunner } from './dry-run';
import { KubeClient } from './kube-client';
import { isNotFound } from './object-request-error';
import { OperationRunner } from './operation-runner';
import type { RepoClient } from './repo-client';
import { StepExecutor } from './step-executor';
import { RecordingWriter } from '../test/recording-writer';
import { allowedWrites, scenarioApp, scenarioArbitrary, stateViolations, writeViolations, type Scenario } from '../test/sync-scenarios';

// The safety properties of sync-safety.spec.ts, on the real API server: the real OperationRunner (render result,
// compare with real dry runs, plan, steps, status writes) with the real cluster cache writes through the real
// KubeClient, wrapped in a RecordingWriter; each case sets up its random live state in two fresh namespaces, runs
// the operation to its end, and checks both the recorded writes and the cluster's state (objects that must
// survive exist, objects that must not be written keep their resourceVersion). The repo-server is replaced by an
// in-memory RepoClient returning the case's manifests: the properties are about the runner's writes, not about
// rendering (prune-consent.spec.ts covers the same defect through the real repo-server).

jest.setTimeout(600_000);
const SEED = 15_002;
const RUNS = Number(process.env.FJORD_CLUSTER_PROPERTY_RUNS ?? 60);
const FAR_FUTURE = '2099-01-01T00:00:00Z'; // a deletion approval given "after" any operation starts
const PLACEHOLDERS = { app: 'app-ph', dest: 'dest-ph', other: 'other-ph' };
const KINDS = [
  { kind: 'ConfigMap', plural: 'configmaps' },
  { kind: 'Secret', plural: 'secrets' },
  { kind: 'ServiceAccount', plural: 'serviceaccounts' },
];

let kc: KubeConfig;
let fjordNs: TestNamespace;
let cache: ClusterCache;
/** Sets up and cleans up live state as someone else (its own field manager), and reads it back. */
let raw: KubeClient;
let writer: RecordingWriter;
let runner: OperationRunner;
let manifests: string[] = [];
const namespaces: string[] = [];
let caseNo = 0;

const repo: RepoClient = {
  generateManifest: async () => ({ manifests, revision: 'a'.repeat(40), sourceType: 1, namespace: '', cached: false }) as repository.GenerateManifestResponse,
  close: () => undefined,
};

beforeAll(async () => {
  kc = testKubeConfig();
  await installCrds(kc);
  fjordNs = await createTestNamespace('safety', kc);
  cache = new ClusterCache({ kubeConfig: kc, assessHealth: getResourceHealth });
  await cache.start();
  raw = new KubeClient(kc, cache, { fieldManager: 'property-setup' });
  const client = new KubeClient(kc, cache);
  writer = new RecordingWriter(client, async (obj) => {
    try {
      const live = await raw.get(obj);
      return { exists: true, tracking: (live.metadata?.annotations as Record<string, string> | undefined)?.['argocd.argoproj.io/tracking-id'] };
    } catch (err) {
      if (isNotFound(err)) return { exists: false };
      throw err;
    }
  });
  const logger = createLogger({ service: 'test', level: 'warn' });
  const dryRun = new DryRunner(client);
  const comparer = new AppComparer(repo, cache, (desired, live) => dryRun.predict(desired, live));
  const executor = new StepExecutor(writer, cache, (desired, stored) => dryRun.remember(desired, stored));
  runner = new OperationRunner({
    cache,
    comparer,
    writer,
    executor,
    apps: new AppWriter(client),
    objects: client,
    events: new AppEvents(client, logger),
    logger,
  });
});

afterAll(async () => {
  await cache?.stop();
  const core = kc.makeApiClient(CoreV1Api);
  for (const namespace of namespaces) {
    // hooks of operations left waiting keep Fjord's hook finalizer: drop it, or the namespace would never go
    const list = await core.listNamespacedConfigMap({ namespace }).catch(() => ({ items: [] }));
    for (const cm of list.items.filter((c) => c.metadata?.finalizers?.length)) {
      await raw
        .mergePatch({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: cm.metadata!.name, namespace } }, { metadata: { finalizers: null } })
        .catch(() => undefined);
    }
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  }
  await fjordNs?.remove();
});

/** The scenario with its placeholder names replaced by this case's own (fresh namespaces, a unique app name). */
function instantiate(s: Scenario): Scenario {
  caseNo++;
  const id = `${Date.now().toString(36).slice(-4)}${caseNo}`;
  const names = { app: `ps-${id}`, dest: `ps-${id}-dest`, other: `ps-${id}-other` };
  const json = JSON.stringify(s).replaceAll(PLACEHOLDERS.dest, names.dest).replaceAll(PLACEHOLDERS.other, names.other).replaceAll(PLACEHOLDERS.app, names.app);
  return JSON.parse(json, (_k, v) => (v === null ? undefined : v)) as Scenario;
}

/** resourceVersions of every object of the kinds scenarios use in the case's namespaces, read from the API server. */
async function snapshot(s: Scenario): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const namespace of [s.dest, s.other]) {
    for (const { kind, plural } of KINDS) {
      const items = (await coreList(namespace, plural)) as KubeObject[];
      for (const o of items) out.set(`/${kind}/${namespace}/${o.metadata?.name}`, String(o.metadata?.resourceVersion));
    }
  }
  return out;
}

async function coreList(namespace: string, plural: string): Promise<unknown[]> {
  const core = kc.makeApiClient(CoreV1Api);
  if (plural === 'configmaps') return (await core.listNamespacedConfigMap({ namespace })).items;
  if (plural === 'secrets') return (await core.listNamespacedSecret({ namespace })).items;
  return (await core.listNamespacedServiceAccount({ namespace })).items;
}

const keyOf = (o: KubeObject) => ({ group: '', kind: String(o.kind), namespace: String(o.metadata?.namespace ?? ''), name: String(o.metadata?.name) });

/** Creates the case's namespaces and live objects, and waits until the cache and the namespaces' defaults are there. */
async function setUp(s: Scenario): Promise<void> {
  const core = kc.makeApiClient(CoreV1Api);
  for (const name of [s.dest, s.other]) {
    await core.createNamespace({ body: { metadata: { name, labels: { 'fjord.dev/test': 'true' } } } });
    namespaces.push(name);
  }
  await Promise.all(s.live.map((o) => raw.apply(o, { dryRun: false })));
  await eventually(
    async () => {
      for (const o of s.live) if (!cache.has(keyOf(o))) throw new Error(`cache has no ${o.kind}/${o.metadata?.name} yet`);
      // the controller-manager adds these to a new namespace: wait, so they are not taken for the sync's creations
      for (const namespace of [s.dest, s.other]) {
        await core.readNamespacedServiceAccount({ name: 'default', namespace });
        await core.readNamespacedConfigMap({ name: 'kube-root-ca.crt', namespace });
      }
    },
    { timeoutMs: 30_000, intervalMs: 25 },
  );
}

/** Runs the case's operation with the real runner until it ends (or, waiting for an approval that never comes, ~5 s). */
async function runOperation(s: Scenario): Promise<void> {
  const api = kc.makeApiClient(CustomObjectsApi);
  const base = { group: 'argoproj.io', version: 'v1alpha1', namespace: fjordNs.name, plural: 'applications' };
  const app = scenarioApp(s, fjordNs.name, FAR_FUTURE);
  await api.createNamespacedCustomObject({ ...base, body: app });
  const deadline = Date.now() + 5000;
  while (Date.now() < deadline) {
    const current = (await api.getNamespacedCustomObject({ ...base, name: s.app })) as Application;
    if (!current.operation) return;
    const next = await runner.run(current);
    if (next?.requeueAfterMs) await sleep(Math.min(next.requeueAfterMs, 100));
  }
}

describe('sync safety (property, real API server)', () => {
  it(`a sync writes only what it is allowed to (${RUNS} random cases, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary(PLACEHOLDERS), async (generated) => {
        const s = instantiate(generated);
        manifests = s.desired.map((o) => JSON.stringify(o));
        await setUp(s);
        const before = await snapshot(s);
        const first = writer.records.length;
        await runOperation(s);
        const allowed = allowedWrites(s);
        const violations = [...writeViolations(s, allowed, writer.records.slice(first)), ...stateViolations(s, allowed, before, await snapshot(s))];
        if (violations.length > 0) throw new Error(`${s.app}: ${violations.join('\n')}`);
      }),
      { seed: SEED, numRuns: RUNS, endOnFailure: true },
    );
    // the cases did run: the runner applied, pruned and dry-ran against the API server
    const real = writer.realWrites();
    console.log(
      `${RUNS} cases: ${writer.records.length} write calls, ${real.length} real (${real.filter((w) => w.verb === 'delete').length} deletes), ${writer.records.length - real.length} dry runs`,
    );
    expect(real.some((w) => w.verb === 'apply')).toBe(true);
    expect(real.some((w) => w.verb === 'delete')).toBe(true);
    expect(writer.records.some((w) => w.dryRun)).toBe(true);
  });
});
