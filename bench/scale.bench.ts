/**
 * Fjord at scale on a local cluster of its own (etcd, kube-apiserver, controller-manager, scheduler, kwok): N apps of
 * M resources in one config repository served over HTTP, Fjord's repo-server, app-controller and api-gateway as
 * processes, the machine's Redis. Measures, against DESIGN.md §6:
 * - the floor: a plain client server-side-applying the same N×M objects, N/concurrency apps at a time, to every
 *   Deployment Available;
 * - N new Applications to all Synced and Healthy, and Fjord's time as a ratio to the floor;
 * - a full periodic resync with nothing changed: CPU seconds of controller and repo-server, writes the API server
 *   counted (expected 0), renders (expected 0);
 * - self-heal: random deletions and edits on distinct apps, drift to repaired;
 * - commit to synced: a commit to one app's directory, a signed GitHub push webhook, until the app is Synced at it;
 * - peak memory (VmHWM) of controller and repo-server.
 * Writes bench/results/scale-<N>x<M>-<date>.json and .png and prints the figures next to the targets.
 *
 * Run: npm run bench -- --apps 1000 --resources 10        (npm run bench -- --help for the options)
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Command, InvalidArgumentError } from 'commander';
import {
  AppsV1Api,
  CoreV1Api,
  CustomObjectsApi,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  setHeaderOptions,
  VersionApi,
  type KubernetesObject,
  type V1ConfigMap,
  type V1Deployment,
  type V1Service,
} from '@kubernetes/client-node';
import {
  APPLICATIONS,
  createGitFixture,
  createTestApplication,
  installCrds,
  repoRoot,
  sendGitHubPush,
  spawnFjord,
  startGitServer,
  type ServiceProcess,
} from '@fjord/devkit';
import { reuseConnections } from '@fjord/kube-config';
import { down, ensureBinaries, up } from '@fjord/test-cluster';
import { parseRequestCounts, total, writesBetween, type RequestCount } from './scale/apiserver-requests';
import { chartSpec, renderPng } from './scale/chart';
import { appName, appObjects, appPath, configMap, editedConfigPath, MIN_RESOURCES, repoFiles } from './scale/fixture';
import { ObjectWatch } from './scale/object-watch';
import { processStats } from './scale/process-stats';
import { verdictTable, type ScaleReport } from './scale/report';
import { summarize } from './scale/stats';

const FJORD_NS = 'fjord';
const WEBHOOK_SECRET = randomBytes(16).toString('hex');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => process.stderr.write(`[${new Date().toISOString().slice(11, 19)}] ${line}\n`);

interface Options {
  apps: number;
  resources: number;
  concurrency: number;
  resyncSeconds: number;
  drifts: number;
  commits: number;
  out: string;
  keepCluster: boolean;
  profile?: string;
}

function options(): Options {
  const int = (min: number) => (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`an integer of at least ${min} is needed, got "${value}"`);
    return n;
  };
  const program = new Command('npm run bench --')
    .description('Fjord at scale on a local kwok cluster, against DESIGN.md §6 and a plain-client floor')
    .option('--apps <n>', 'Applications', int(1), 100)
    .option('--resources <m>', `resources per app (a Deployment, a Service, the rest ConfigMaps; at least ${MIN_RESOURCES})`, int(MIN_RESOURCES), 10)
    .option('--concurrency <n>', "the controller's sync operations at once, and the floor's apps at once", int(1), 10)
    .option('--resync-seconds <s>', "the controller's periodic resync (Fjord's default: 180), and the window measured", int(5), 180)
    .option('--drifts <n>', 'self-heal drifts, each on a different app (default: min(apps, 100))', int(1))
    .option('--commits <n>', 'commits measured from webhook to synced (default: min(apps, 20))', int(1))
    .option('--out <dir>', 'where the JSON report and PNG chart go', join(repoRoot(), 'bench/results'))
    .option('--keep-cluster', 'leave the benchmark cluster running afterwards', false)
    .option('--profile <dir>', 'write CPU profiles of the controller and repo-server (.cpuprofile) into this directory')
    .parse(['node', 'bench', ...process.argv.slice(2)]);
  const o = program.opts<Partial<Options>>();
  const apps = o.apps!;
  return {
    apps,
    resources: o.resources!,
    concurrency: o.concurrency!,
    resyncSeconds: o.resyncSeconds!,
    drifts: Math.min(o.drifts ?? Math.min(apps, 100), apps),
    commits: Math.min(o.commits ?? Math.min(apps, 20), apps),
    out: o.out!,
    keepCluster: o.keepCluster ?? false,
    profile: o.profile,
  };
}

/** The commit measured, `+changes` when the work tree differs from it (the services run from the work tree). */
async function gitRevision(): Promise<string> {
  const git = (...args: string[]) =>
    promisify(execFile)('git', args, { cwd: repoRoot() }).then(
      (r) => r.stdout.trim(),
      () => '',
    );
  const sha = await git('rev-parse', '--short', 'HEAD');
  return sha && (await git('status', '--porcelain', '--untracked-files=no')) ? `${sha}+changes` : sha || 'unknown';
}

/** A deterministic shuffle (the same apps are drifted in every run of the same size). */
function shuffled(n: number, seed: number): number[] {
  const order = Array.from({ length: n }, (_, i) => i);
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** Runs `task` over `items`, at most `limit` at once. */
async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(limit, items.length) }, async () => {
      while (next < items.length) await task(items[next++]);
    }),
  );
}

interface Application extends KubernetesObject {
  operation?: unknown;
  status?: { sync?: { status?: string; revision?: string }; health?: { status?: string }; operationState?: { phase?: string } };
}
const isReady = (a: Application) => a.status?.sync?.status === 'Synced' && a.status.health?.status === 'Healthy';
const isAvailable = (d: V1Deployment) =>
  (d.status?.observedGeneration ?? 0) >= (d.metadata?.generation ?? 1) &&
  d.status?.updatedReplicas === d.spec?.replicas &&
  d.status?.availableReplicas === d.spec?.replicas &&
  (d.status?.conditions ?? []).some((c) => c.type === 'Available' && c.status === 'True');

async function main(): Promise<void> {
  const o = options();
  const startedAt = new Date();
  const work = mkdtempSync(join(tmpdir(), 'fjord-bench-'));
  const clusterDir = join(tmpdir(), 'fjord-bench-cluster');
  const redisPrefix = `fjord-bench-${randomBytes(4).toString('hex')}:`;
  const services: ServiceProcess[] = [];
  const watches: ObjectWatch<KubernetesObject>[] = [];
  const execFileP = promisify(execFile);
  let kubeconfig = '';
  let kubectl = '';
  let gitClose: (() => Promise<void>) | undefined;

  const apiServerRequests = async (): Promise<RequestCount[]> =>
    parseRequestCounts((await execFileP(kubectl, ['--kubeconfig', kubeconfig, 'get', '--raw', '/metrics'], { maxBuffer: 256 * 1024 * 1024 })).stdout);
  const metricSum = async (port: number, name: string): Promise<number> => {
    const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
    return text
      .split('\n')
      .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
      .reduce((s, l) => s + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
  };

  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log(`${signal}: stopping the services and the cluster`);
      void cleanup().finally(() => process.exit(130));
    });
  }
  try {
    log(`${o.apps} apps × ${o.resources} resources, concurrency ${o.concurrency}, resync ${o.resyncSeconds} s; a cluster of its own in ${clusterDir}`);
    const cluster = await up({ dir: clusterDir, log });
    kubectl = (await ensureBinaries({ log: () => undefined })).kubectl;
    kubeconfig = cluster.kubeconfig;
    // connections kept alive, as Fjord's services keep them: the floor is a plain client, not a slow one
    const kc = reuseConnections(new KubeConfig());
    kc.loadFromFile(kubeconfig);
    const core = kc.makeApiClient(CoreV1Api);
    const appsApi = kc.makeApiClient(AppsV1Api);
    const custom = kc.makeApiClient(CustomObjectsApi);
    const objects = KubernetesObjectApi.makeApiClient(kc);
    await installCrds(kc);
    await core.createNamespace({ body: { metadata: { name: FJORD_NS } } }).catch((err: { code?: number }) => {
      if (err.code !== 409) throw err;
    });
    const kubernetes = (await kc.makeApiClient(VersionApi).getCode()).gitVersion;

    log(`writing the config repository (${o.apps * o.resources} files)`);
    const repo = createGitFixture(join(work, 'config.git'));
    repo.commit(repoFiles(o.apps, o.resources), `${o.apps} apps`);
    const git = await startGitServer({ root: work });
    gitClose = () => git.close();
    const repoURL = `${git.url}/config.git`;

    // Watches for the clocks: every Deployment, Service and ConfigMap in the cluster, and the Applications.
    const deployments = new ObjectWatch<V1Deployment>(kc, '/apis/apps/v1/deployments', () => appsApi.listDeploymentForAllNamespaces(), isAvailable);
    const svcs = new ObjectWatch<V1Service>(
      kc,
      '/api/v1/services',
      () => core.listServiceForAllNamespaces(),
      () => true,
    );
    const configMaps = new ObjectWatch<V1ConfigMap>(
      kc,
      '/api/v1/configmaps',
      () => core.listConfigMapForAllNamespaces(),
      () => true,
    );
    const applications = new ObjectWatch<Application>(
      kc,
      `/apis/argoproj.io/v1alpha1/namespaces/${FJORD_NS}/applications`,
      () => custom.listNamespacedCustomObject({ ...APPLICATIONS, namespace: FJORD_NS }),
      isReady,
    );
    for (const w of [deployments, svcs, configMaps, applications] as ObjectWatch<KubernetesObject>[]) {
      await w.start();
      watches.push(w);
    }
    const timeout = Math.max(600_000, o.apps * 600);

    // 1. The floor: the same objects through a plain client, with the same concurrency, to every Deployment Available.
    log(`floor: server-side applying ${o.apps * o.resources} objects, ${o.concurrency} apps at a time`);
    const floorStart = performance.now();
    await pool(
      Array.from({ length: o.apps }, (_, i) => i),
      o.concurrency,
      async (i) => {
        const namespace = `floor-${appName(i)}`;
        const apply = (obj: KubernetesObject) => objects.patch(obj, undefined, undefined, 'bench-floor', true, PatchStrategy.ServerSideApply);
        await apply({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: namespace } });
        await Promise.all(appObjects(i, o.resources, namespace).map((obj) => apply(obj)));
      },
    );
    const floorApplySeconds = (performance.now() - floorStart) / 1000;
    const floorKeys = Array.from({ length: o.apps }, (_, i) => `floor-${appName(i)}/web`);
    await deployments.until(
      () => floorKeys.every((k) => deployments.firstMetTimes().has(k)),
      timeout,
      () => `${floorKeys.filter((k) => !deployments.firstMetTimes().has(k)).length} floor Deployments not Available`,
    );
    const floorReadySeconds = floorKeys.map((k) => (deployments.firstMetTimes().get(k)! - floorStart) / 1000);
    const floorSeconds = Math.max(...floorReadySeconds);
    log(`floor: applied in ${floorApplySeconds.toFixed(1)} s, all Available in ${floorSeconds.toFixed(1)} s`);

    // 2. Fjord's services, each its own process, with their memory sampled every second.
    const env = { KUBECONFIG: kubeconfig, LOG_LEVEL: 'warn', FJORD_NAMESPACE: FJORD_NS };
    const nodeArgs = o.profile ? ['--cpu-prof', `--cpu-prof-dir=${o.profile}`] : [];
    const { repoServer, controller, gateway, processes } = await spawnFjord({
      env,
      repoServer: { cacheDir: join(work, 'repo-cache'), args: ['--redis', '127.0.0.1:6379', '--redis-key-prefix', redisPrefix], nodeArgs },
      controller: {
        args: ['--operation-processors', String(o.concurrency), '--app-resync', String(o.resyncSeconds), '--app-resync-jitter', '0'],
        nodeArgs,
        startTimeoutMs: 120_000,
      },
    });
    services.push(...processes);
    await core.patchNamespacedSecret(
      { name: 'argocd-secret', namespace: FJORD_NS, body: { stringData: { 'webhook.github.secret': WEBHOOK_SECRET } } },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    );
    const servicesStart = performance.now();
    const memorySeries: ScaleReport['series']['memory'] = [];
    const sampler = setInterval(() => {
      try {
        memorySeries.push({
          seconds: (performance.now() - servicesStart) / 1000,
          controllerMiB: processStats(controller.child.pid!).rssMiB,
          repoServerMiB: processStats(repoServer.child.pid!).rssMiB,
        });
      } catch {
        // a service just exited; the run fails elsewhere
      }
    }, 1000);

    // 3. N new Applications to all Synced and Healthy.
    log(`creating ${o.apps} Applications`);
    const names = Array.from({ length: o.apps }, (_, i) => appName(i));
    const convergeRequestsBefore = await apiServerRequests();
    const convergeStart = performance.now();
    await pool(names, 16, (name) =>
      createTestApplication(kc, FJORD_NS, { name, repoURL, path: appPath(Number(name.slice(4))), destNamespace: `bench-${name}`, automated: true }),
    );
    const appKeys = names.map((n) => `${FJORD_NS}/${n}`);
    const readyCount = () => appKeys.filter((k) => applications.firstMetTimes().has(k)).length;
    const progress = setInterval(() => log(`  ${readyCount()}/${o.apps} apps Synced and Healthy`), 5000);
    try {
      await applications.until(
        () => readyCount() === o.apps,
        timeout,
        () => `${o.apps - readyCount()} apps not Synced and Healthy`,
      );
    } finally {
      clearInterval(progress);
    }
    const fjordReadySeconds = appKeys.map((k) => (applications.firstMetTimes().get(k)! - convergeStart) / 1000);
    const fjordSeconds = Math.max(...fjordReadySeconds);
    const convergeRequests = writesBetween(convergeRequestsBefore, await apiServerRequests());
    log(`Fjord: ${o.apps} apps Synced and Healthy in ${fjordSeconds.toFixed(1)} s (${(fjordSeconds / floorSeconds).toFixed(2)}× the floor)`);

    // 4. A full resync with nothing changed: wait until the cluster is quiet, then measure one resync period.
    log('waiting for the cluster to be quiet (no writes for 5 s)');
    for (let quiet = false, tries = 0; !quiet && tries < 30; tries++) {
      const a = await apiServerRequests();
      await sleep(5000);
      quiet = total(writesBetween(a, await apiServerRequests()).writes) === 0;
    }
    log(`measuring a resync window of ${o.resyncSeconds} s`);
    const cpu = () => processStats(controller.child.pid!).cpuSeconds;
    const before = {
      requests: await apiServerRequests(),
      renders: await metricSum(repoServer.metricsPort, 'fjord_repo_renders_total'),
      reconciles: await metricSum(controller.metricsPort, 'fjord_app_reconciles_total'),
      controllerCpu: cpu(),
      repoServerCpu: processStats(repoServer.child.pid!).cpuSeconds,
      at: performance.now(),
    };
    await sleep(o.resyncSeconds * 1000 + 2000);
    const windowSeconds = (performance.now() - before.at) / 1000;
    const cpuSeconds = { controller: cpu() - before.controllerCpu, repoServer: processStats(repoServer.child.pid!).cpuSeconds - before.repoServerCpu };
    const delta = writesBetween(before.requests, await apiServerRequests());
    const resync: ScaleReport['resync'] = {
      windowSeconds,
      reconciles: (await metricSum(controller.metricsPort, 'fjord_app_reconciles_total')) - before.reconciles,
      cpuSeconds,
      coreShare: (cpuSeconds.controller + cpuSeconds.repoServer) / windowSeconds,
      writes: delta.writes,
      dryRuns: delta.dryRuns,
      renders: (await metricSum(repoServer.metricsPort, 'fjord_repo_renders_total')) - before.renders,
    };
    log(
      `resync: ${resync.reconciles} reconciles, ${total(resync.writes)} writes, ${total(resync.dryRuns)} dry runs, ${resync.renders} renders, ${(resync.coreShare * 100).toFixed(2)}% of a core`,
    );

    // 5. Self-heal: random deletions and edits, each on a different app, drift to repaired.
    log(`self-heal: ${o.drifts} drifts`);
    const kinds = ['delete Service', 'delete ConfigMap', 'scale Deployment', 'edit image', 'edit ConfigMap'] as const;
    const selfHealMs: number[] = [];
    const driftCounts: Record<string, number> = {};
    const order = shuffled(o.apps, 42);
    for (let d = 0; d < o.drifts; d++) {
      const i = order[d];
      const ns = `bench-${appName(i)}`;
      const cm = `config-${d % (o.resources - 2)}`;
      await applications.until(
        () => {
          const a = applications.get(`${FJORD_NS}/${appName(i)}`);
          return !!a && !a.operation && isReady(a);
        },
        60_000,
        () => `${appName(i)} is not idle`,
      );
      const kind = kinds[d % kinds.length];
      const oldService = svcs.get(`${ns}/web`)?.metadata?.uid;
      const oldConfigMap = configMaps.get(`${ns}/${cm}`)?.metadata?.uid;
      const t0 = performance.now();
      const service = () => svcs.get(`${ns}/web`);
      const config = () => configMaps.get(`${ns}/${cm}`);
      const deployment = () => deployments.get(`${ns}/web`);
      // each drift: the change, then what the watch sees while drifted, and once repaired
      const drift: Record<
        (typeof kinds)[number],
        { make: () => Promise<unknown>; watch: ObjectWatch<KubernetesObject>; drifted: () => boolean; repaired: () => boolean }
      > = {
        'delete Service': {
          make: () => core.deleteNamespacedService({ name: 'web', namespace: ns }),
          watch: svcs as ObjectWatch<KubernetesObject>,
          drifted: () => service() === undefined,
          repaired: () => (service()?.metadata?.uid ?? oldService) !== oldService,
        },
        'delete ConfigMap': {
          make: () => core.deleteNamespacedConfigMap({ name: cm, namespace: ns }),
          watch: configMaps as ObjectWatch<KubernetesObject>,
          drifted: () => config() === undefined,
          repaired: () => (config()?.metadata?.uid ?? oldConfigMap) !== oldConfigMap,
        },
        'scale Deployment': {
          make: () =>
            appsApi.patchNamespacedDeploymentScale(
              { name: 'web', namespace: ns, body: { spec: { replicas: 3 } } },
              setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
            ),
          watch: deployments as ObjectWatch<KubernetesObject>,
          drifted: () => deployment()?.spec?.replicas === 3,
          repaired: () => deployment()?.spec?.replicas === 1,
        },
        'edit image': {
          make: () =>
            appsApi.patchNamespacedDeployment(
              { name: 'web', namespace: ns, body: { spec: { template: { spec: { containers: [{ name: 'web', image: 'registry.local/web:hotfix' }] } } } } },
              setHeaderOptions('Content-Type', PatchStrategy.StrategicMergePatch),
            ),
          watch: deployments as ObjectWatch<KubernetesObject>,
          drifted: () => deployment()?.spec?.template.spec?.containers[0].image === 'registry.local/web:hotfix',
          repaired: () => deployment()?.spec?.template.spec?.containers[0].image === 'registry.local/web:v1',
        },
        'edit ConfigMap': {
          make: () =>
            core.patchNamespacedConfigMap(
              { name: cm, namespace: ns, body: { data: { value: 'edited' } } },
              setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
            ),
          watch: configMaps as ObjectWatch<KubernetesObject>,
          drifted: () => config()?.data?.value === 'edited',
          repaired: () => config()?.data?.value === 'v0',
        },
      };
      const step = drift[kind];
      await step.make();
      let seenDrift = false; // "repaired" means something only once the watch has seen the drift
      const done = await step.watch.until(
        () => (seenDrift ||= step.drifted()) && step.repaired(),
        60_000,
        () => `${kind} in ${ns} not repaired`,
      );
      selfHealMs.push(done - t0);
      driftCounts[kind] = (driftCounts[kind] ?? 0) + 1;
    }
    const selfHeal = summarize(selfHealMs);
    log(`self-heal: p50 ${selfHeal.p50.toFixed(0)} ms, p99 ${selfHeal.p99.toFixed(0)} ms`);

    // 6. Commit to synced: one app's ConfigMap changed in Git, a signed GitHub push, until the app is Synced at it.
    log(`commit to synced: ${o.commits} commits`);
    const commitMs: number[] = [];
    const commitOrder = shuffled(o.apps, 7);
    for (let c = 0; c < o.commits; c++) {
      const i = commitOrder[c];
      const key = `${FJORD_NS}/${appName(i)}`;
      const ns = `bench-${appName(i)}`;
      await applications.until(
        () => {
          const a = applications.get(key);
          return !!a && !a.operation && isReady(a);
        },
        60_000,
        () => `${appName(i)} is not idle`,
      );
      const value = `commit-${c}`;
      const sha = repo.commit({ [editedConfigPath(i)]: configMap(0, value) }, `${appName(i)}: ${value}`);
      const t0 = performance.now();
      const res = await sendGitHubPush(gateway.url, WEBHOOK_SECRET, { after: sha, repoURL, modified: [editedConfigPath(i)] });
      if (res.status !== 200) throw new Error(`webhook answered ${res.status}: ${await res.text()}`);
      await configMaps.until(
        () => configMaps.get(`${ns}/config-0`)?.data?.value === value,
        60_000,
        () => `${appName(i)}'s change not live`,
      );
      const done = await applications.until(
        () => {
          const a = applications.get(key);
          return a?.status?.sync?.revision === sha && a.status.sync.status === 'Synced';
        },
        60_000,
        () => `${appName(i)} not Synced at ${sha}`,
      );
      commitMs.push(done - t0);
    }
    const commitToSynced = summarize(commitMs);
    log(`commit to synced: p50 ${commitToSynced.p50.toFixed(0)} ms, p99 ${commitToSynced.p99.toFixed(0)} ms`);

    clearInterval(sampler);
    const memory = {
      controllerPeakMiB: processStats(controller.child.pid!).peakRssMiB,
      repoServerPeakMiB: processStats(repoServer.child.pid!).peakRssMiB,
      gatewayPeakMiB: processStats(gateway.process.child.pid!).peakRssMiB,
    };

    const report: ScaleReport = {
      run: {
        apps: o.apps,
        resources: o.resources,
        concurrency: o.concurrency,
        resyncSeconds: o.resyncSeconds,
        startedAt: startedAt.toISOString(),
        command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
        revision: await gitRevision(),
        machine: { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? '', memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version, kubernetes },
      },
      converge: {
        fjordSeconds,
        floorSeconds,
        floorApplySeconds,
        ratio: fjordSeconds / floorSeconds,
        fjordPerApp: summarize(fjordReadySeconds),
        floorPerApp: summarize(floorReadySeconds),
        writes: convergeRequests.writes,
        dryRuns: convergeRequests.dryRuns,
      },
      resync,
      selfHeal: { ...selfHeal, drifts: driftCounts },
      commitToSynced,
      memory,
      series: { fjordReadySeconds, floorReadySeconds, memory: memorySeries, selfHealMs, commitToSyncedMs: commitMs },
    };
    mkdirSync(o.out, { recursive: true });
    const base = join(o.out, `scale-${o.apps}x${o.resources}-${startedAt.toISOString().slice(0, 10)}`);
    writeFileSync(`${base}.json`, JSON.stringify(report, null, 2) + '\n');
    writeFileSync(`${base}.png`, await renderPng(chartSpec(report)));
    log(`wrote ${base}.json and ${base}.png`);
    process.stdout.write(`\n${verdictTable(report)}\n`);
  } finally {
    await cleanup();
  }

  async function cleanup(): Promise<void> {
    for (const w of watches.splice(0)) await w.stop().catch(() => undefined);
    for (const s of services.splice(0)) await s.stop().catch(() => undefined);
    await gitClose?.().catch(() => undefined);
    gitClose = undefined;
    await execFileP('sh', ['-c', `redis-cli --scan --pattern '${redisPrefix}*' | xargs -r redis-cli del > /dev/null`]).catch(() => undefined);
    rmSync(work, { recursive: true, force: true });
    if (!o.keepCluster) await down({ dir: clusterDir, log: () => undefined });
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    log(`failed: ${(err as Error).stack ?? String(err)}`);
    process.exit(1);
  },
);
