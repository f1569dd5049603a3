import type { KubeConfig } from '@kubernetes/client-node';
import type { GrpcServiceRegistration, Logger } from '@fjord/platform';
import type { AppHandlers } from './apps/app-handlers';
import { AppWatch } from './apps/app-watch';
import { controllerClient } from './apps/controller-client';
import { repoServerClient } from './apps/repo-server-client';
import { AccountStates } from './auth/account-states';
import { LocalAccounts } from './auth/accounts';
import type { Authenticator } from './auth/authenticator';
import { Authorizer } from './auth/authorizer';
import { TrustedProxies } from './auth/client-address';
import { defaultLoginLimits, LoginLimiter } from './auth/login-limiter';
import { RevokedTokens } from './auth/revoked-tokens';
import type { SessionHandlers, VersionInfo } from './auth/session-handlers';
import { SessionTokens } from './auth/session-tokens';
import { grpcServices } from './grpc/grpc-services';
import { domainModules } from './http/gateway-http.module';
import { startHttpServer } from './http/nest-app';
import { declaredRoutes, type Route } from './http/route';
import { Token } from './http/tokens';
import { applicationResources, projectResources } from './kube/argo-resources';
import { watchConfigMap } from './kube/config-map-watch';
import { isNotFound } from './kube/kube-errors';
import { Settings, SettingsStore } from './kube/settings-store';
import { defaultProject } from './projects/default-project';
import type { ProjectHandlers } from './projects/project-handlers';

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

/**
 * The REST API's whole route table, read from the Nest controllers (the API fuzz test enumerates it, so new routes
 * are fuzzed too). The argument is ignored: the table no longer depends on the handlers.
 */
export function restRoutes(_handlers?: unknown): Route[] {
  return declaredRoutes(domainModules);
}

/**
 * The composition root: initialises Argo CD's settings (admin password, signing key, default project), loads and
 * watches the RBAC policy, starts the application watch, and hands these collaborators to Nest, which builds the
 * handlers (ADR 0008); REST and gRPC serve the same handler instances.
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
  const rbacWatch = await watchConfigMap(
    kc,
    o.namespace,
    Settings.RbacConfigMap,
    (data) => authz.update({ policyCsv: data[Settings.PolicyCsv], defaultRole: data[Settings.PolicyDefault] }),
    logger,
  );
  const watch = new AppWatch(kc, o.namespace, logger);
  await watch.start();

  const controller = controllerClient(o.controllerAddress);
  const repoServer = repoServerClient(o.repoServerAddress);
  const limiter = new LoginLimiter({
    windowMs: o.loginWindowSeconds * 1000,
    maxFailures: { ...defaultLoginLimits.maxFailures, AccountClient: o.loginMaxFailures, Client: o.loginMaxFailures * 10 },
  });
  const version: VersionInfo = { Version: `v${o.version}`, BuildDate: '', GitCommit: '', Platform: `${process.platform}/${process.arch}` };

  const http = await startHttpServer({
    logger,
    kubeConfig: kc,
    http: { host: o.host, port: o.httpPort, maxBodyBytes: o.maxBodyBytes },
    settings,
    accounts,
    accountStates,
    sessionTokens: tokens,
    signingKey: key,
    revoked,
    limiter,
    trustedProxies,
    appResources: apps,
    projectResources: projects,
    authz,
    watch,
    controller,
    repoServer,
    version,
    webhook: { jitterMs: o.webhookJitterMs, jitterThreshold: o.webhookJitterThreshold },
  });
  // gRPC serves the very handlers Nest built for REST.
  const handlers = {
    apps: http.app.get<string, AppHandlers>(Token.AppHandlers),
    projects: http.app.get<string, ProjectHandlers>(Token.ProjectHandlers),
    session: http.app.get<string, SessionHandlers>(Token.SessionHandlers),
    authenticator: http.app.get<string, Authenticator>(Token.Authenticator),
  };
  return {
    httpPort: http.port,
    grpcServices: grpcServices({ ...handlers, watch, authz, version, trustedProxies }),
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
