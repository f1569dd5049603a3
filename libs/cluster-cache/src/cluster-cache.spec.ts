import { ApiextensionsV1Api, AppsV1Api, CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { applyCrd, eventually, gadgetCrd, objectApi, testGroup, testKubeConfig, useTestNamespace } from '@fjord/devkit';
import { randomBytes } from 'node:crypto';
import { Registry } from 'prom-client';
import { ClusterCache } from './cluster-cache';
import { formatTrackingId, TRACKING_ANNOTATION } from '@fjord/argo';
import { ChangeType, type ChangeEvent, type KubeObject, type ResourceKey } from './types';

// Given the real local cluster (API server, controller-manager, scheduler, kwok playing the kubelet), the cache
// mirrors it: what exists before start(), what apps create and delete afterwards, Pods the controllers make, kinds
// that CRDs add later, and it recovers from broken watches.

jest.setTimeout(60_000);
const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const apps = kc.makeApiClient(AppsV1Api);
const ext = kc.makeApiClient(ApiextensionsV1Api);
const objects = objectApi(kc);

/** A pod's health from its phase, standing in for the health library. */
const podHealth = (obj: KubeObject) =>
  obj.kind === 'Pod' ? { status: (obj.status as { phase?: string } | undefined)?.phase === 'Running' ? 'Healthy' : 'Progressing' } : undefined;

const cmKey = (namespace: string, name: string): ResourceKey => ({ group: '', kind: 'ConfigMap', namespace, name });

function trackedConfigMap(app: string, namespace: string, name: string, data: Record<string, string> = {}): KubeObject {
  const annotations = { [TRACKING_ANNOTATION]: formatTrackingId(app, cmKey(namespace, name)) };
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace, annotations }, data };
}

/** Collects change events, for assertions that wait on them. */
function recorder(cache: ClusterCache): { events: ChangeEvent[]; find(p: (e: ChangeEvent) => boolean): Promise<ChangeEvent> } {
  const events: ChangeEvent[] = [];
  cache.onChange((e) => events.push(e));
  return {
    events,
    find: (p) =>
      eventually(() => {
        const hit = events.find(p);
        if (!hit) throw new Error(`no matching event among ${JSON.stringify(events.slice(-5))}`);
        return hit;
      }),
  };
}

describe('ClusterCache on the local cluster', () => {
  const ns = useTestNamespace('cache');
  const app = `app-${randomBytes(3).toString('hex')}`;
  let cache: ClusterCache;
  let registry: Registry;

  beforeAll(async () => {
    await core.createNamespacedConfigMap({ namespace: ns(), body: trackedConfigMap(app, ns(), 'before') });
    await core.createNamespacedConfigMap({ namespace: ns(), body: { metadata: { name: 'untracked' }, data: { k: 'v' } } });
    registry = new Registry();
    cache = new ClusterCache({ kubeConfig: kc, batchMs: 0, assessHealth: podHealth, registry });
    await cache.start();
  });
  afterAll(() => cache?.stop());

  it('lists what existed before start(): full objects for tracked resources, compact nodes for the rest', async () => {
    expect(cache.has(cmKey(ns(), 'before'))).toBe(true);
    expect(cache.has(cmKey(ns(), 'untracked'))).toBe(true);
    expect(cache.has({ group: '', kind: 'Namespace', namespace: '', name: ns() })).toBe(true);
    expect(cache.get(cmKey(ns(), 'untracked'))).toBeUndefined();
    const before = cache.get(cmKey(ns(), 'before'));
    expect(before).toMatchObject({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'before', namespace: ns() } });
    expect((before?.metadata?.managedFields as unknown[] | undefined)?.length).toBeGreaterThan(0);
    expect(cache.managedBy(app).map((o) => o.metadata?.name)).toEqual(['before']);
    const stats = cache.stats();
    expect(stats.kinds).toBeGreaterThan(30);
    expect(stats.trackedResources).toBeGreaterThanOrEqual(1);
    expect(cache.resourceInfo('apps', 'Deployment')).toMatchObject({ version: 'v1', plural: 'deployments', namespaced: true });
    expect(cache.resourceInfo('', 'Event')).toBeDefined();
    expect(await registry.getSingleMetricAsString('fjord_cluster_cache_resources')).toMatch(/fjord_cluster_cache_resources\{cluster="[^"]+"\} \d+/);
  });

  it('does not watch excluded kinds', () => {
    expect(cache.has({ group: 'coordination.k8s.io', kind: 'Lease', namespace: 'kube-node-lease', name: 'kwok-node-0' })).toBe(false);
  });

  it('tracks a Deployment and shows its ReplicaSet and Running Pods in the tree, with parents, health and images', async () => {
    const key = { group: 'apps', kind: 'Deployment', namespace: ns(), name: 'web' };
    const changes = recorder(cache);
    await apps.createNamespacedDeployment({
      namespace: ns(),
      body: {
        metadata: { name: 'web', annotations: { [TRACKING_ANNOTATION]: formatTrackingId(app, key) } },
        spec: {
          replicas: 2,
          selector: { matchLabels: { app: 'web' } },
          template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
        },
      },
    });
    await changes.find((e) => e.type === ChangeType.Added && e.key.kind === 'Deployment' && e.apps.includes(app));
    expect(
      cache
        .managedBy(app)
        .map((o) => o.kind)
        .sort(),
    ).toEqual(['ConfigMap', 'Deployment']);

    const tree = await eventually(
      () => {
        const nodes = cache.tree(app);
        const pods = nodes.filter((n) => n.key.kind === 'Pod' && n.health?.status === 'Healthy');
        if (pods.length !== 2) throw new Error(`want 2 running pods in the tree, have ${JSON.stringify(nodes.map((n) => n.key))}`);
        return nodes;
      },
      { timeoutMs: 45_000 },
    );
    const rs = tree.find((n) => n.key.kind === 'ReplicaSet')!;
    expect(rs.parents).toEqual([key]);
    for (const pod of tree.filter((n) => n.key.kind === 'Pod')) {
      expect(pod.parents).toEqual([rs.key]);
      expect(pod.images).toEqual(['nginx:1.27']);
      expect(pod.key.namespace).toBe(ns());
      expect(pod.uid).toMatch(/^[0-9a-f-]{36}$/);
    }
    expect(tree.find((n) => n.key.kind === 'Deployment')?.images).toEqual(['nginx:1.27']);
    expect(cache.get(rs.key)).toBeUndefined();
    // A change of an untracked Pod is news for the app of its nearest tracked ancestor, the Deployment.
    const pod = tree.find((n) => n.key.kind === 'Pod')!;
    await core.patchNamespacedPod({ name: pod.key.name, namespace: ns(), body: [{ op: 'add', path: '/metadata/labels/touched', value: 'yes' }] });
    await changes.find((e) => e.type === ChangeType.Modified && e.key.name === pod.key.name && e.key.kind === 'Pod' && e.apps.includes(app));
  });

  it('reports a deleted resource and forgets it', async () => {
    const changes = recorder(cache);
    await core.createNamespacedConfigMap({ namespace: ns(), body: trackedConfigMap(app, ns(), 'doomed') });
    await eventually(() => expect(cache.has(cmKey(ns(), 'doomed'))).toBe(true));
    await core.deleteNamespacedConfigMap({ name: 'doomed', namespace: ns() });
    const deleted = await changes.find((e) => e.type === ChangeType.Deleted && e.key.name === 'doomed');
    expect(deleted.apps).toEqual([app]);
    expect(cache.has(cmKey(ns(), 'doomed'))).toBe(false);
    expect(cache.managedBy(app).some((o) => o.metadata?.name === 'doomed')).toBe(false);
  });

  it('ignores a tracking id copied onto another resource', async () => {
    const copied = trackedConfigMap(app, ns(), 'original');
    copied.metadata!.name = 'copy';
    await core.createNamespacedConfigMap({ namespace: ns(), body: copied });
    await eventually(() => expect(cache.has(cmKey(ns(), 'copy'))).toBe(true));
    expect(cache.get(cmKey(ns(), 'copy'))).toBeUndefined();
    expect(cache.managedBy(app).some((o) => o.metadata?.name === 'copy')).toBe(false);
  });

  it('discovers a CRD created after start(), caches its objects, and forgets them when the CRD goes', async () => {
    const group = testGroup();
    const changes = recorder(cache);
    const crd = await applyCrd(kc, gadgetCrd(group));
    try {
      await eventually(() => expect(cache.resourceInfo(group, 'Gadget')).toMatchObject({ version: 'v1', plural: 'gadgets' }), { timeoutMs: 20_000 });
      const key = { group, kind: 'Gadget', namespace: ns(), name: 'g1' };
      const gadget = {
        apiVersion: `${group}/v1`,
        kind: 'Gadget',
        metadata: { name: 'g1', namespace: ns(), annotations: { [TRACKING_ANNOTATION]: formatTrackingId(app, key) } },
        spec: { values: { size: 3 } },
      };
      await eventually(() => objects.create(gadget), { timeoutMs: 20_000 });
      await eventually(() => expect(cache.get(key)).toMatchObject({ spec: { values: { size: 3 } } }), { timeoutMs: 20_000 });
      await changes.find((e) => e.type === ChangeType.Added && e.key.kind === 'Gadget' && e.apps.includes(app));
    } finally {
      await ext.deleteCustomResourceDefinition({ name: crd });
    }
    await eventually(() => expect(cache.resourceInfo(group, 'Gadget')).toBeUndefined(), { timeoutMs: 30_000 });
    expect(cache.has({ group, kind: 'Gadget', namespace: ns(), name: 'g1' })).toBe(false);
    expect(cache.managedBy(app).some((o) => o.kind === 'Gadget')).toBe(false);
  });

  it('recovers when every watch is broken: re-lists, applying what changed meanwhile without duplicates', async () => {
    await core.createNamespacedConfigMap({ namespace: ns(), body: trackedConfigMap(app, ns(), 'keep', { v: '1' }) });
    await core.createNamespacedConfigMap({ namespace: ns(), body: trackedConfigMap(app, ns(), 'drop') });
    await eventually(() => expect(cache.has(cmKey(ns(), 'drop'))).toBe(true));
    const relists = cache.stats().relists;
    cache.restartWatches();
    await core.deleteNamespacedConfigMap({ name: 'drop', namespace: ns() });
    await core.patchNamespacedConfigMap({ name: 'keep', namespace: ns(), body: [{ op: 'replace', path: '/data/v', value: '2' }] });
    await core.createNamespacedConfigMap({ namespace: ns(), body: trackedConfigMap(app, ns(), 'new') });
    await eventually(() => {
      expect(cache.stats().relists).toBeGreaterThan(relists);
      expect(cache.has(cmKey(ns(), 'drop'))).toBe(false);
      expect(cache.get(cmKey(ns(), 'keep'))?.data).toEqual({ v: '2' });
      expect(cache.has(cmKey(ns(), 'new'))).toBe(true);
    });
    const names = cache.managedBy(app).map((o) => `${o.kind}/${o.metadata?.name}`);
    expect(new Set(names).size).toBe(names.length);
    await eventually(() => expect(cache.stats().watches).toBe(cache.stats().kinds));
  });
});

describe('ClusterCache listing in small pages and batching events', () => {
  const ns = useTestNamespace('cache-paged');
  const app = `paged-${randomBytes(3).toString('hex')}`;

  it('lists many objects through tiny pages and coalesces bursts of changes of one app', async () => {
    await Promise.all(Array.from({ length: 25 }, (_, i) => core.createNamespacedConfigMap({ namespace: ns(), body: trackedConfigMap(app, ns(), `cm-${i}`) })));
    const cache = new ClusterCache({ kubeConfig: kc, listPageSize: 7, batchMs: 400 });
    try {
      await cache.start();
      expect(cache.managedBy(app)).toHaveLength(25);
      const events: ChangeEvent[] = [];
      cache.onChange((e) => e.apps.includes(app) && events.push(e));
      for (let i = 0; i < 5; i++) {
        await core.patchNamespacedConfigMap({ name: 'cm-0', namespace: ns(), body: [{ op: 'add', path: '/data', value: { i: String(i) } }] });
      }
      await eventually(() => expect(cache.get(cmKey(ns(), 'cm-0'))?.data).toEqual({ i: '4' }));
      // The first change is delivered at once, the rest coalesced into one delivery when the app's cooldown ends.
      await eventually(() => expect(events.length).toBe(2), { timeoutMs: 5000 });
      expect(events.every((e) => e.key.name === 'cm-0' && e.type === ChangeType.Modified)).toBe(true);
    } finally {
      await cache.stop();
    }
  });
});

describe('ClusterCache without an API server', () => {
  it('rejects start() with the reason, after a few attempts, and leaves nothing running', async () => {
    const nowhere = new KubeConfig();
    nowhere.loadFromOptions({
      clusters: [{ name: 'gone', server: 'https://127.0.0.1:1', skipTLSVerify: true }],
      users: [{ name: 'nobody' }],
      contexts: [{ name: 'gone', cluster: 'gone', user: 'nobody' }],
      currentContext: 'gone',
    });
    const cache = new ClusterCache({ kubeConfig: nowhere });
    await expect(cache.start()).rejects.toThrow(/failed to discover the API resources of https:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
    expect(cache.stats()).toMatchObject({ kinds: 0, resources: 0, watches: 0 });
  });
});
