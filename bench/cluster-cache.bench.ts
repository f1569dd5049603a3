/**
 * The app-controller's live-state cache on the local cluster (`npm run cluster:up`, or FJORD_TEST_KUBECONFIG):
 * creates N tracked ConfigMaps (~2 KB each, as in Argo CD's scale tests) in a fresh namespace, then measures
 * - start(): discovery, paged lists of every kind, watches open
 * - process RSS and heap after sync (and their growth over the baseline before start)
 * - change latency: a ConfigMap patch to the app's change event (median and max of 20)
 * and deletes the namespace. Run: npx tsx bench/cluster-cache.bench.ts [N]   (default 1,000)
 * With `node --expose-gc --import tsx bench/cluster-cache.bench.ts` the heap figures are taken after a GC.
 */
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { formatTrackingId, TRACKING_ANNOTATION } from '@fjord/argo';
import { ClusterCache, type ChangeEvent } from '@fjord/cluster-cache';
import { defaultClusterDir, readState } from '@fjord/test-cluster';
import { randomBytes } from 'node:crypto';

const count = Number(process.argv[2] ?? 1000);
const app = 'bench';
const MiB = 1024 * 1024;

function kubeConfig(): KubeConfig {
  const path = process.env.FJORD_TEST_KUBECONFIG ?? readState(defaultClusterDir())?.kubeconfig;
  if (!path) throw new Error('no local cluster: run `npm run cluster:up` first, or set FJORD_TEST_KUBECONFIG');
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  return kc;
}

function memory(): { rss: number; heap: number } {
  (globalThis as { gc?: () => void }).gc?.();
  const m = process.memoryUsage();
  return { rss: m.rss / MiB, heap: m.heapUsed / MiB };
}

async function createConfigMaps(core: CoreV1Api, namespace: string): Promise<void> {
  const payload = 'x'.repeat(2000);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const name = `cm-${next++}`;
      const key = { group: '', kind: 'ConfigMap', namespace, name };
      const annotations = { [TRACKING_ANNOTATION]: formatTrackingId(app, key) };
      await core.createNamespacedConfigMap({ namespace, body: { metadata: { name, annotations }, data: { payload } } });
    }
  };
  await Promise.all(Array.from({ length: 32 }, worker));
}

async function changeLatencies(cache: ClusterCache, core: CoreV1Api, namespace: string): Promise<number[]> {
  const latencies: number[] = [];
  for (let i = 0; i < 20; i++) {
    const name = `cm-${i % count}`;
    const seen = new Promise<void>((resolve) => {
      const off = cache.onChange((e: ChangeEvent) => {
        if (e.key.name === name && e.apps.includes(app)) {
          off();
          resolve();
        }
      });
    });
    const t = performance.now();
    await core.patchNamespacedConfigMap({ name, namespace, body: [{ op: 'add', path: '/metadata/labels', value: { round: String(i) } }] });
    await seen;
    latencies.push(performance.now() - t);
  }
  return latencies.sort((a, b) => a - b);
}

async function main(): Promise<void> {
  const kc = kubeConfig();
  const core = kc.makeApiClient(CoreV1Api);
  const namespace = `bench-cache-${randomBytes(3).toString('hex')}`;
  await core.createNamespace({ body: { metadata: { name: namespace, labels: { 'fjord.dev/test': 'true' } } } });
  try {
    let t = performance.now();
    await createConfigMaps(core, namespace);
    process.stdout.write(`created ${count} ConfigMaps in ${((performance.now() - t) / 1000).toFixed(1)} s\n`);
    const before = memory();
    const cache = new ClusterCache({ kubeConfig: kc, batchMs: 0 });
    t = performance.now();
    await cache.start();
    const startMs = performance.now() - t;
    const after = memory();
    const stats = cache.stats();
    const latencies = await changeLatencies(cache, core, namespace);
    await cache.stop();
    const rows = [
      ['objects created', String(count)],
      ['start() (discovery + lists + watches)', `${startMs.toFixed(0)} ms`],
      ['kinds watched / resources cached / tracked', `${stats.kinds} / ${stats.resources} / ${stats.trackedResources}`],
      ['RSS after sync (growth)', `${after.rss.toFixed(1)} MiB (+${(after.rss - before.rss).toFixed(1)})`],
      ['heap used after sync (growth)', `${after.heap.toFixed(1)} MiB (+${(after.heap - before.heap).toFixed(1)})`],
      ['change → event, median / max of 20', `${latencies[10].toFixed(1)} / ${latencies[19].toFixed(1)} ms`],
    ];
    for (const [what, value] of rows) process.stdout.write(`${what.padEnd(44)} ${value}\n`);
  } finally {
    await core.deleteNamespace({ name: namespace }).catch(() => undefined);
  }
}

main().catch((err: unknown) => {
  process.stderr.write(`cluster-cache bench: ${(err as Error).message}\n`);
  process.exit(1);
});
