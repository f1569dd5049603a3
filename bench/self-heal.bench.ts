/**
 * Self-heal latency: from a drift made with the Kubernetes API (a deleted Service, a scaled Deployment, an edited
 * image) to the desired state being back, on the local cluster with a real repo-server and Git server. Prints
 * median, p99 and worst over N drifts (default 100). The clock stops when a 10 ms poll sees the repair, so figures
 * include up to ~10 ms of polling.
 * Run: npx tsx bench/self-heal.bench.ts [drifts]
 */
import { AppsV1Api, CoreV1Api, PatchStrategy, setHeaderOptions } from '@kubernetes/client-node';
import { up } from '@fjord/test-cluster';
import { startHarness } from '../services/app-controller/test/controller-harness';

const drifts = Number(process.argv[2] ?? 100);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function main(): Promise<void> {
  const cluster = await up({ log: () => undefined });
  process.env.FJORD_TEST_KUBECONFIG = cluster.kubeconfig;
  const ns = `heal-${Date.now().toString(36)}`;
  const h = await startHarness({
    'app/deploy.yaml':
      'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  replicas: 1\n  selector: {matchLabels: {app: web}}\n  template:\n    metadata: {labels: {app: web}}\n    spec: {containers: [{name: web, image: "registry.local/web:v1"}]}\n',
    'app/svc.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {selector: {app: web}, ports: [{port: 80}]}\n',
  });
  const core = h.kc.makeApiClient(CoreV1Api);
  const apps = h.kc.makeApiClient(AppsV1Api);
  try {
    await h.createApp(ns, {
      project: 'default',
      source: { repoURL: h.repoURL, targetRevision: 'HEAD', path: 'app' },
      destination: { server: 'https://kubernetes.default.svc', namespace: ns },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
    });
    await h.waitFor(
      ns,
      (a) => {
        if (a.status?.sync?.status !== 'Synced' || a.status?.health?.status !== 'Healthy') throw new Error('not yet');
      },
      60_000,
    );
    const repaired = async () => {
      const svc = await core.readNamespacedService({ name: 'web', namespace: ns }).catch(() => undefined);
      const d = await apps.readNamespacedDeployment({ name: 'web', namespace: ns });
      return svc !== undefined && d.spec?.replicas === 1 && d.spec.template.spec?.containers[0].image === 'registry.local/web:v1';
    };
    const latencies: number[] = [];
    for (let i = 0; i < drifts; i++) {
      // wait until the app is idle, so that each repair is a self-heal (not the tail of the previous sync)
      await h.waitFor(
        ns,
        (a) => {
          if (a.operation || a.status?.sync?.status !== 'Synced') throw new Error('busy');
        },
        60_000,
      );
      const t0 = process.hrtime.bigint();
      if (i % 3 === 0) await core.deleteNamespacedService({ name: 'web', namespace: ns });
      else if (i % 3 === 1)
        await apps.patchNamespacedDeploymentScale(
          { name: 'web', namespace: ns, body: { spec: { replicas: 3 } } },
          setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
        );
      else {
        const d = await apps.readNamespacedDeployment({ name: 'web', namespace: ns });
        d.spec!.template.spec!.containers[0].image = 'registry.local/web:hotfix';
        await apps.replaceNamespacedDeployment({ name: 'web', namespace: ns, body: d });
      }
      while (!(await repaired())) await sleep(10);
      latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    const sorted = [...latencies].sort((a, b) => a - b);
    const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
    console.log(`self-heal over ${drifts} drifts (delete Service / scale Deployment / edit image, in turn):`);
    console.log(`  median ${at(0.5).toFixed(0)} ms, p99 ${at(0.99).toFixed(0)} ms, worst ${sorted[sorted.length - 1].toFixed(0)} ms`);
  } finally {
    await h.stop();
    await core.deleteNamespace({ name: ns }).catch(() => undefined);
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
