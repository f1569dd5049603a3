import type { KubeConfig } from '@kubernetes/client-node';
import type { GrpcServiceRegistration, Logger } from '@fjord/platform';
import { AppHandlers } from './apps/app-handlers';
import { AppWatch } from './apps/app-watch';
import { controllerClient } from './apps/controller-client';
import { repoServerClient } from './apps/repo-server-client';
import { AccountStates } from './auth/account-states';
import { LocalAccounts } from './auth/accounts';
import { Authenticator } from './auth/authenticator';
import { Authorizer } from './auth/authorizer';
import { TrustedProxies } from './auth/client-address';
import { defaultLoginLimits, LoginLimiter } from './auth/login-limiter';
import { RevokedTokens } from './auth/revoked-tokens';
import { SessionHandlers, type VersionInfo } from './auth/session-handlers';
import { SessionTokens } from './auth/session-tokens';
import { grpcServices } from './grpc/grpc-services';
import { appRoutes } from './http/app-routes';
import { startHttpServer } from './http/nest-app';
import { projectRoutes } from './http/project-routes';
import type { Route } from './http/route';
import { sessionRoutes } from './http/session-routes';
import { streamRoute } from './http/stream-route';
import { webhookRoute } from './http/webhook-route';
import { applicationResources, projectResources } from './kube/argo-resources';
import { watchConfigMap } from './kube/config-map-watch';
import { isNotFound } from './kube/kube-errors';
import { Settings, SettingsStore } from './kube/settings-store';
import { defaultProject } from './projects/app-project';
import { ProjectHandlers } from './projects/project-handlers';
import { WebhookHandler } from './webhook/webhook-handler';

/** Everything the gateway needs to start, with the defaults of service.ts. */
export interface GatewayOptions {
  kubeConfig: KubeConfig;
  namespace: string;
  host: string;
  httpPort: number;
  controllerAddress: string;
  repoServerAddress: string;
  sessionSeconds: number;
  maxBodyBytes: number;
  webhookJitterMs: number;
  webhookJitterThreshold: number;
  loginMaxFailures: number;
  loginWindowSeconds: number;
  /** Comma-separated addresses and CIDRs of proxies whose X-Forwarded-For is believed; empty for none. */
  trustedProxies: string;
  version: string;
  logger: Logger;
}

/** A started gateway: its HTTP port, its gRPC services for the platform's server, and how to stop it. */
export interface Gateway {
  httpPort: number;
  grpcServices: GrpcServiceRegistration[];
  close(): Promise<void>;
}

/** What the REST route table is made of. */
export interface RouteDeps {
  session: SessionHandlers;
  version: VersionInfo;
  apps: AppHandlers;
  projects: ProjectHandlers;
  watch: AppWatch;
  authz: Authorizer;
  authenticator: Authenticator;
  webhook: WebhookHandler;
}

/** The REST API's whole route table, in one list (the API fuzz test enumerates it, so new routes are fuzzed too). */
export function restRoutes(d: RouteDeps): Route[] {
  return [...sessionRoutes(d.session, d.version), ...appRoutes(d.apps), ...projectRoutes(d.projects), streamRoute(d.watch, d.authz, d.authenticator), webhookRoute(d.webhook)];
}

/**
 * The composition root: initialises Argo CD's settings (admin password, signing key, default project), loads and
 * watches the RBAC policy, starts the application watch, and serves the same handlers over REST and gRPC.
 */
export async function startGateway(o: GatewayOptions): Promise<Gateway> {
  const { kubeConfig: kc, logger } = o;
  const settings = new SettingsStore(kc, o.namespace);
  const accounts = new LocalAccounts(settings);
  if (await accounts.ensureInitialAdmin()) logger.info({ secret: Settings.InitialAdminSecret }, 'generated the initial admin password');
  const trustedProxies = new TrustedProxies(o.trustedProxies);
  const key = await settings.ensureServerSecretKey();
  const tokens = new SessionTokens({ key, sessionSeconds: o.sessionSeconds });
  const accountStates = new AccountStates(accounts, key);
  await accountStates.start(kc, o.namespace, logger);
  const revoked = new RevokedTokens(kc, o.namespace);
  await revoked.start(logger);
  const apps = applicationResources(kc, o.namespace);
  const projects = projectResources(kc, o.namespace);
  await projects.get('default').catch(async (err: unknown) => {
    if ((err as Error).name !== 'NotFoundError' && !isNotFound(err)) throw err;
    await projects.create(defaultProject(o.namespace)).catch(() => undefined);
  });

  const authz = new Authorizer(logger);
  const rbacWatch = await watchConfigMap(kc, o.namespace, Settings.RbacConfigMap, (data) => authz.update({ policyCsv: data[Settings.PolicyCsv], defaultRole: data[Settings.PolicyDefault] }), logger);
  const watch = new AppWatch(kc, o.namespace, logger);
  await watch.start();

  const controller = controllerClient(o.controllerAddress);
  const repoServer = repoServerClient(o.repoServerAddress);
  const appHandlers = new AppHandlers(kc, apps, projects, authz, controller, repoServer);
  const projectHandlers = new ProjectHandlers(projects, authz, tokens);
  const limiter = new LoginLimiter({
    windowMs: o.loginWindowSeconds * 1000,
    maxFailures: { ...defaultLoginLimits.maxFailures, AccountClient: o.loginMaxFailures, Client: o.loginMaxFailures * 10 },
  });
  const session = new SessionHandlers({ accounts, tokens, key, limiter, revoked, logger });
  const authenticator = new Authenticator({ tokens, projects, accounts: accountStates, revoked });
  const webhook = new WebhookHandler(apps, settings, logger, { jitterMs: o.webhookJitterMs, jitterThreshold: o.webhookJitterThreshold });
  const version: VersionInfo = { Version: `v${o.version}`, BuildDate: '', GitCommit: '', Platform: `${process.platform}/${process.arch}` };

  const http = await startHttpServer({
    host: o.host,
    port: o.httpPort,
    maxBodyBytes: o.maxBodyBytes,
    authenticator,
    trustedProxies,
    logger,
    routes: restRoutes({ session, version, apps: appHandlers, projects: projectHandlers, watch, authz, authenticator, webhook }),
  });
  return {
    httpPort: http.port,
    grpcServices: grpcServices({ apps: appHandlers, projects: projectHandlers, session, authenticator, watch, authz, version, trustedProxies }),
    async close() {
      await http.app.close();
      await watch.stop();
      await rbacWatch.stop();
      await accountStates.stop();
      await revoked.stop();
      controller.close();
      repoServer.close();
    },
  };
}
