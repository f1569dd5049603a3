import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { CoreV1Api, CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';
import { Registry } from 'prom-client';
import { ClusterCache } from '@fjord/cluster-cache';
import {
  createGitFixture,
  createTestNamespace,
  eventually,
  installCrds,
  serveTestRepo,
  spawnRepoServer,
  testKubeConfig,
  type GitFixture,
  type GitServer,
  type TestNamespace,
} from '@fjord/devkit';
import { getResourceHealth } from '@fjord/health';
import { createLogger } from '@fjord/platform';
import { ensureBinaries } from '@fjord/test-cluster';
import type { Application, ApplicationSpec, ObjectMeta } from '@fjord/argo';
import type { AppController } from '../src/app-controller';
import { createControllerMetrics, type ControllerMetrics } from '../src/controller-metrics';
import { KubeClient } from '../src/kube-client';
import { repoClient } from '../src/repo-client';
import { composeController } from '../src/service';

/** A real setup for controller tests: a Git server with a config repo, a repo-server process, the controller. */
export interface ControllerHarness {
  kc: KubeConfig;
  repo: GitFixture;
  git: GitServer;
  controller: AppController;
  /** The current controller's metrics (new ones after a restart). */
  metrics: ControllerMetrics;
  /** Stops the controller (as a crash would leave things: mid-operation) and starts a new one. */
  restartController(): Promise<void>;
  fjordNs: TestNamespace;
  repoURL: string;
  /** The repo-server's gRPC address (host:port). */
  repoServerAddress: string;
  /** Creates another repository, `<name>.git`, on the same Git server with `files` committed; returns it and its URL. */
  addRepo(name: string, files: Record<string, string>): { repo: GitFixture; url: string };
  kubectl(...args: string[]): string;
  /** Creates the app `name` with `spec` in the controller's namespace; `metadata` adds to its name (finalizers, annotations). */
  createApp(name: string, spec: ApplicationSpec, metadata?: Omit<ObjectMeta, 'name'>): Promise<void>;
  patchApp(name: string, patch: Record<string, unknown>): Promise<void>;
  getApp(name: string): Promise<Application>;
  waitFor(name: string, check: (app: Application) => void, timeoutMs?: number): Promise<Application>;
  /** Names a namespace a test's apps deploy to (the controller may create it), deleted on stop; returns the name. */
  removeOnStop(namespace: string): string;
  /** Stops the controller and the repo-server, and deletes the test's namespaces and repositories. */
  stop(): Promise<void>;
}

/** Starts the harness with `files` committed to the config repository. */
export async function startHarness(files: Record<string, string>): Promise<ControllerHarness> {
  const kc = testKubeConfig();
  const kubectlBin = (await ensureBinaries({ log: () => undefined })).kubectl;
  await installCrds(kc);
  const fjordNs = await createTestNamespace('fjord', kc);
  const served = await serveTestRepo({ prefix: 'fjord-harness', files });
  const { repo, git, work: root } = served;
  const repoServer = await spawnRepoServer({
    cacheDir: join(root, 'cache'),
    args: ['--revision-cache-expiration-ms', '0'],
    env: { LOG_LEVEL: 'warn', REDIS_URL: '' },
  });
  let metrics = createControllerMetrics(new Registry());
  const newController = () => {
    const cache = new ClusterCache({ kubeConfig: kc, assessHealth: getResourceHealth });
    metrics = createControllerMetrics(new Registry());
    const env = {
      kc,
      cache,
      client: new KubeClient(kc, cache),
      repo: repoClient(`127.0.0.1:${repoServer.grpcPort}`),
      logger: createLogger({ service: 'test', level: 'warn' }),
      metrics,
    };
    return composeController(env, {
      namespaces: [fjordNs.name],
      statusProcessors: 20,
      operationProcessors: 10,
      resyncMs: 180_000,
      resyncJitter: 0.2,
    });
  };
  let controller = newController();
  await controller.start();
  const api = kc.makeApiClient(CustomObjectsApi);
  const base = { group: 'argoproj.io', version: 'v1alpha1', namespace: fjordNs.name, plural: 'applications' };
  const getApp = async (name: string) => (await api.getNamespacedCustomObject({ ...base, name })) as Application;
  const destinations: string[] = [];
  return {
    kc,
    repo,
    git,
    get controller() {
      return controller;
    },
    get metrics() {
      return metrics;
    },
    async restartController() {
      await controller.stop();
      controller = newController();
      await controller.start();
    },
    fjordNs,
    repoURL: served.url,
    repoServerAddress: `127.0.0.1:${repoServer.grpcPort}`,
    addRepo(name, files) {
      const extra = createGitFixture(join(root, `${name}.git`));
      extra.commit(files);
      return { repo: extra, url: `${git.url}/${name}.git` };
    },
    kubectl: (...args) => execFileSync(kubectlBin, ['--kubeconfig', process.env.FJORD_TEST_KUBECONFIG!, ...args], { encoding: 'utf8' }),
    async createApp(name, spec, metadata = {}) {
      await api.createNamespacedCustomObject({
        ...base,
        body: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { ...metadata, name }, spec },
      });
    },
    async patchApp(name, patch) {
      const { PatchStrategy, setHeaderOptions } = await import('@kubernetes/client-node');
      await api.patchNamespacedCustomObject({ ...base, name, body: patch }, setHeaderOptions('Content-Type', PatchStrategy.MergePatch));
    },
    getApp,
    waitFor: async (name, check, timeoutMs = 60_000) => {
      let last: Application | undefined;
      try {
        return await eventually(
          async () => {
            last = await getApp(name);
            check(last);
            return last;
          },
          { timeoutMs, intervalMs: 200 },
        );
      } catch (err) {
        const state = JSON.stringify({ operation: last?.operation, status: last?.status }).slice(0, 4000);
        throw new Error(`${(err as Error).message}\nlast seen: ${state}`);
      }
    },
    removeOnStop(namespace) {
      destinations.push(namespace);
      return namespace;
    },
    async stop() {
      await controller.stop();
      await repoServer.stop();
      await fjordNs.remove();
      const core = kc.makeApiClient(CoreV1Api);
      for (const name of destinations) await core.deleteNamespace({ name }).catch(() => undefined);
      await served.close();
    },
  };
}
