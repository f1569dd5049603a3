import { ClusterCache } from '@fjord/cluster-cache';
import { getResourceHealth } from '@fjord/health';
import { commonOptions, InputError, type ServiceSpec } from '@fjord/platform';
import { KubeConfig } from '@kubernetes/client-node';
import { controller as controllerProto } from '@fjord/proto';
import { controllerHandlers } from './controller-handlers';
import { AppController } from './app-controller';
import { createControllerMetrics } from './controller-metrics';
import { repoClient } from './repo-client';
import { reuseConnections } from '@fjord/kube-config';

/** The app-controller's settings: flags with environment-variable twins (Argo CD's names where it has them). */
export const options = {
  ...commonOptions({ grpcPort: 8083, metricsPort: 8082, envPrefix: 'FJORD_CONTROLLER' }),
  namespace: { flag: 'namespace', env: 'FJORD_NAMESPACE', type: 'string', default: 'argocd', description: 'Fjord\'s namespace: Applications are read here.' },
  applicationNamespaces: {
    flag: 'application-namespaces',
    env: 'ARGOCD_APPLICATION_NAMESPACES',
    type: 'string',
    default: '',
    description: 'More namespaces to read Applications from, comma-separated; "*" for all.',
  },
  statusProcessors: { flag: 'status-processors', env: 'ARGOCD_APPLICATION_CONTROLLER_STATUS_PROCESSORS', type: 'number', default: 20, description: 'Apps compared at once.' },
  operationProcessors: { flag: 'operation-processors', env: 'ARGOCD_APPLICATION_CONTROLLER_OPERATION_PROCESSORS', type: 'number', default: 10, description: 'Sync operations at once.' },
  appResyncSeconds: { flag: 'app-resync', env: 'ARGOCD_RECONCILIATION_TIMEOUT', type: 'number', default: 180, description: 'Seconds between periodic refreshes of each app (jittered).' },
  appResyncJitter: { flag: 'app-resync-jitter', env: 'FJORD_APP_RESYNC_JITTER', type: 'number', default: 0.2, description: 'Extra random share (0..1) added to each resync interval.' },
  repoServer: { flag: 'repo-server', env: 'ARGOCD_REPO_SERVER', type: 'string', default: '127.0.0.1:8081', description: 'Address (host:port) of the repo-server.' },
  repoServerTimeoutSeconds: { flag: 'repo-server-timeout-seconds', env: 'FJORD_REPO_SERVER_TIMEOUT_SECONDS', type: 'number', default: 60, description: 'Deadline of one manifest request.' },
  redis: { flag: 'redis', env: 'REDIS_URL', type: 'string', default: '', description: 'Redis for the shared resource-tree cache; empty keeps it in memory.' },
} as const;

/** The app-controller process: reconciles Applications with the cluster. */
export const appController: ServiceSpec<typeof options> = {
  name: 'app-controller',
  options,
  async compose({ config, logger, metrics }) {
    const kc = reuseConnections(new KubeConfig());
    kc.loadFromDefault();
    if (!kc.getCurrentCluster()) throw new InputError('no cluster: set KUBECONFIG, or run inside a cluster');
    const extra = config.applicationNamespaces.split(',').map((s) => s.trim()).filter(Boolean);
    const namespaces = extra.includes('*') ? ('all' as const) : [...new Set([config.namespace, ...extra])];
    const repo = repoClient(config.repoServer, config.repoServerTimeoutSeconds * 1000);
    const cache = new ClusterCache({ kubeConfig: kc, logger, assessHealth: getResourceHealth, registry: metrics.registry });
    const controller = new AppController(kc, cache, repo, logger, createControllerMetrics(metrics.registry), {
      namespaces,
      statusProcessors: config.statusProcessors,
      operationProcessors: config.operationProcessors,
      resyncMs: config.appResyncSeconds * 1000,
      resyncJitter: config.appResyncJitter,
    });
    await controller.start();
    logger.info({ namespaces, statusProcessors: config.statusProcessors, repoServer: config.repoServer }, 'app-controller started');
    return {
      services: [{ definition: controllerProto.ControllerServiceService, implementation: controllerHandlers(controller) }],
      close: async () => {
        await controller.stop();
        repo.close();
      },
    };
  },
};
