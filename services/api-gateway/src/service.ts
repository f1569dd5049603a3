import { KubeConfig } from '@kubernetes/client-node';
import { commonOptions, InputError, namespaceOption, type ServiceSpec } from '@fjord/platform';
import { startGateway } from './gateway';
import { reuseConnections } from '@fjord/kube-config';

const VERSION = '0.1.0';

const common = commonOptions({ grpcPort: 8090, metricsPort: 8091, envPrefix: 'FJORD_API_GATEWAY' });

/** The api-gateway's settings: flags with environment-variable twins (Argo CD's names where it has them). */
export const options = {
  ...common,
  // As in Argo CD, `--port` is the HTTP port users know; gRPC moves to `--grpc-port` (the platform's type names
  // the flag `port`, hence the cast).
  grpcPort: { ...common.grpcPort, flag: 'grpc-port', env: 'FJORD_API_GATEWAY_GRPC_PORT' } as unknown as typeof common.grpcPort,
  httpPort: {
    flag: 'port',
    env: 'FJORD_API_GATEWAY_PORT',
    type: 'number',
    default: 8080,
    description: 'HTTP port of the REST API, webhooks and event streams (0 picks a free one).',
  },
  namespace: namespaceOption("Fjord's namespace: Applications, AppProjects and settings live here."),
  controller: {
    flag: 'controller',
    env: 'FJORD_CONTROLLER_ADDRESS',
    type: 'string',
    default: '127.0.0.1:8083',
    description: 'Address (host:port) of the app-controller.',
  },
  repoServer: {
    flag: 'repo-server',
    env: 'ARGOCD_REPO_SERVER',
    type: 'string',
    default: '127.0.0.1:8081',
    description: 'Address (host:port) of the repo-server, asked to check the repository and path of an app on create and update.',
  },
  sessionSeconds: {
    flag: 'session-duration',
    env: 'FJORD_SESSION_DURATION_SECONDS',
    type: 'number',
    default: 86_400,
    description: 'Lifetime of a login session token, in seconds.',
  },
  maxBodyBytes: {
    flag: 'max-body-bytes',
    env: 'FJORD_MAX_BODY_BYTES',
    type: 'number',
    default: 2 * 1024 * 1024,
    description: 'Largest request body accepted (bigger ones get 413).',
  },
  webhookJitterMs: {
    flag: 'webhook-refresh-jitter-ms',
    env: 'FJORD_WEBHOOK_REFRESH_JITTER_MS',
    type: 'number',
    default: 1000,
    description: 'Spread of webhook refreshes when many apps match.',
  },
  webhookJitterThreshold: {
    flag: 'webhook-refresh-jitter-threshold',
    env: 'FJORD_WEBHOOK_REFRESH_JITTER_THRESHOLD',
    type: 'number',
    default: 10,
    description: 'Apps refreshed by one push before jitter applies.',
  },
  loginMaxFailures: {
    flag: 'login-max-failures',
    env: 'ARGOCD_SESSION_FAILURE_MAX_FAIL_COUNT',
    type: 'number',
    default: 5,
    description: 'Failed logins per account from one client address before further attempts from there are refused (10x that per address over all accounts).',
  },
  loginWindowSeconds: {
    flag: 'login-failure-window',
    env: 'ARGOCD_SESSION_FAILURE_WINDOW_SECONDS',
    type: 'number',
    default: 300,
    description: 'Window over which failed logins are counted, in seconds.',
  },
  trustedProxies: {
    flag: 'trusted-proxies',
    env: 'FJORD_API_GATEWAY_TRUSTED_PROXIES',
    type: 'string',
    default: '',
    description: 'Comma-separated addresses/CIDRs of reverse proxies whose X-Forwarded-For names the client (default none: the connection address is used).',
  },
} as const;

/** The api-gateway process: serves users and tools (REST, gRPC) and talks to every other service. */
export const apiGateway: ServiceSpec<typeof options> = {
  name: 'api-gateway',
  version: VERSION,
  options,
  async compose({ config, logger }) {
    const kc = reuseConnections(new KubeConfig());
    kc.loadFromDefault();
    if (!kc.getCurrentCluster()) throw new InputError('no cluster: set KUBECONFIG, or run inside a cluster');
    const gateway = await startGateway({
      ...config,
      kubeConfig: kc,
      host: config.listenHost,
      controllerAddress: config.controller,
      repoServerAddress: config.repoServer,
      version: VERSION,
      logger,
    });
    // Printed whatever the log level: supervisors and tests find the HTTP port in it.
    logger.child({}, { level: 'info' }).info({ httpPort: gateway.httpPort, namespace: config.namespace }, 'http listening');
    return { services: gateway.grpcServices, close: () => gateway.close() };
  },
};
