import { ClusterCache } from '@fjord/cluster-cache';
import { getResourceHealth } from '@fjord/health';
import { commonOptions, InputError, namespaceOption, type Logger, type ServiceSpec } from '@fjord/platform';
import { KubeConfig } from '@kubernetes/client-node';
import { controller as controllerProto } from '@fjord/proto';
import { controllerHandlers } from './controller-handlers';
import { AppComparer } from './app-comparison';
import { AppController, type ControllerOptions } from './app-controller';
import { AppEvents } from './app-events';
import { AppStore } from './app-store';
import { AppWriter } from './app-writer';
import { comparisonCounters, createControllerMetrics, type ControllerMetrics } from './controller-metrics';
import { DryRunner } from './dry-run';
import { KubeClient } from './kube-client';
import { OperationRunner } from './operation-runner';
import { repoClient, type RepoClient } from './repo-client';
import { StepExecutor } from './step-executor';
import { reuseConnections } from '@fjord/kube-config';

/** The app-controller's settings: flags with environment-variable twins (Argo CD's names where it has them). */
export const options = {
  ...commonOptions({ grpcPort: 8083, metricsPort: 8082, envPrefix: 'FJORD_CONTROLLER' }),
  namespace: namespaceOption("Fjord's namespace: Applications are read here."),
  applicationNamespaces: {
    flag: 'application-namespaces',
    env: 'ARGOCD_APPLICATION_NAMESPACES',
    type: 'string',
    default: '',
    description: 'More namespaces to read Applications from, comma-separated; "*" for all.',
  },
  statusProcessors: {
    flag: 'status-processors',
    env: 'ARGOCD_APPLICATION_CONTROLLER_STATUS_PROCESSORS',
    type: 'number',
    default: 20,
    description: 'Apps compared at once.',
  },
  operationProcessors: {
    flag: 'operation-processors',
    env: 'ARGOCD_APPLICATION_CONTROLLER_OPERATION_PROCESSORS',
    type: 'number',
    default: 10,
    description: 'Sync operations at once.',
  },
  appResyncSeconds: {
    flag: 'app-resync',
    env: 'ARGOCD_RECONCILIATION_TIMEOUT',
    type: 'number',
    default: 180,
    description: 'Seconds between periodic refreshes of each app (jittered).',
  },
  appResyncJitter: {
    flag: 'app-resync-jitter',
    env: 'FJORD_APP_RESYNC_JITTER',
    type: 'number',
    default: 0.2,
    description: 'Extra random share (0..1) added to each resync interval.',
  },
  repoServer: {
    flag: 'repo-server',
    env: 'ARGOCD_REPO_SERVER',
    type: 'string',
    default: '127.0.0.1:8081',
    description: 'Address (host:port) of the repo-server.',
  },
  repoServerTimeoutSeconds: {
    flag: 'repo-server-timeout-seconds',
    env: 'FJORD_REPO_SERVER_TIMEOUT_SECONDS',
    type: 'number',
    default: 60,
    description: 'Deadline of one manifest request.',
  },
  redis: { flag: 'redis', env: 'REDIS_URL', type: 'string', default: '', description: 'Redis for the shared resource-tree cache; empty keeps it in memory.' },
} as const;

/** What the controller is built from: the cluster, its cache, the process's object client, the repo-server. */
export interface ControllerEnv {
  /** The kubeconfig of the cluster (the Application watches use it). */
  kc: KubeConfig;
  cache: ClusterCache;
  /** The process's one object client (see {@link KubeClient}), discovering kinds through `cache`. */
  client: KubeClient;
  repo: RepoClient;
  logger: Logger;
  metrics: ControllerMetrics;
}

/**
 * The controller's composition root: builds each collaborator once and passes it to those that use it. Every
 * request about an object goes through `env.client`; the status path and sync operations share one comparer
 * (and its memo) and one dry runner.
 */
export function composeController(env: ControllerEnv, options: ControllerOptions): AppController {
  const { kc, cache, client, repo, logger, metrics } = env;
  const dryRun = new DryRunner(client);
  const comparer = new AppComparer(
    repo,
    cache,
    async (desired, live) => {
      const before = dryRun.requests;
      const out = await dryRun.predict(desired, live);
      if (dryRun.requests > before) metrics.kubeRequests.inc({ request: 'dry-run' });
      return out;
    },
    comparisonCounters(metrics),
  );
  const apps = new AppWriter(client);
  const events = new AppEvents(client, logger);
  // applying the same object over what it just stored changes nothing: the next comparison needs no dry run
  const executor = new StepExecutor(client, cache, (desired, stored) => dryRun.remember(desired, stored));
  const runner = new OperationRunner({ cache, comparer, writer: client, executor, apps, objects: client, events, logger });
  const store = new AppStore(kc, client, options.namespaces, logger);
  return new AppController({ cache, store, apps, dryRun, comparer, runner, events, logger, metrics }, options);
}

/** The app-controller process: reconciles Applications with the cluster. */
export const appController: ServiceSpec<typeof options> = {
  name: 'app-controller',
  options,
  async compose({ config, logger, metrics }) {
    const kc = reuseConnections(new KubeConfig());
    kc.loadFromDefault();
    if (!kc.getCurrentCluster()) throw new InputError('no cluster: set KUBECONFIG, or run inside a cluster');
    const extra = config.applicationNamespaces
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const namespaces = extra.includes('*') ? ('all' as const) : [...new Set([config.namespace, ...extra])];
    const repo = repoClient(config.repoServer, config.repoServerTimeoutSeconds * 1000);
    const cache = new ClusterCache({ kubeConfig: kc, logger, assessHealth: getResourceHealth, registry: metrics.registry });
    const client = new KubeClient(kc, cache);
    const controller = composeController(
      { kc, cache, client, repo, logger, metrics: createControllerMetrics(metrics.registry) },
      {
        namespaces,
        statusProcessors: config.statusProcessors,
        operationProcessors: config.operationProcessors,
        resyncMs: config.appResyncSeconds * 1000,
        resyncJitter: config.appResyncJitter,
      },
    );
    await controller.start();
    logger.info({ namespaces, statusProcessors: config.statusProcessors, repoServer: config.repoServer }, 'app-controller started');
    return {
      services: [{ definition: controllerProto.ControllerServiceService, implementation: controllerHandlers(controller) }],
      close: async () => {
        await controller.stop();
        client.close();
        repo.close();
      },
    };
  },
};
