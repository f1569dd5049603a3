import { Module, type DynamicModule, type Provider } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '@fjord/platform';
import { AppHandlers } from '../apps/app-handlers';
import type { AppWatch } from '../apps/app-watch';
import type { Application, AppProject } from '@fjord/argo';
import type { ControllerClient } from '../apps/controller-client';
import type { RepoServerClient } from '../apps/repo-server-client';
import type { AccountStates } from '../auth/account-states';
import type { LocalAccounts } from '../auth/accounts';
import { Authenticator } from '../auth/authenticator';
import type { Authorizer } from '../auth/authorizer';
import type { TrustedProxies } from '../auth/client-address';
import type { LoginLimiter } from '../auth/login-limiter';
import type { RevokedTokens } from '../auth/revoked-tokens';
import { SessionHandlers, type VersionInfo } from '../auth/session-handlers';
import type { SessionTokens } from '../auth/session-tokens';
import type { ArgoResources } from '../kube/argo-resources';
import type { SettingsStore } from '../kube/settings-store';
import { ProjectHandlers } from '../projects/project-handlers';
import { WebhookHandler, type WebhookOptions } from '../webhook/webhook-handler';
import { ApplicationsModule } from './applications.module';
import { AuthGuard } from './auth.guard';
import { BodyInterceptor } from './body.interceptor';
import { FjordExceptionFilter } from './http-errors';
import { ProjectsModule } from './projects.module';
import { RbacGuard } from './rbac.guard';
import { SessionModule } from './session.module';
import { StreamModule } from './stream.module';
import { Token, type HttpOptions } from './tokens';
import { TracingInterceptor } from './tracing.interceptor';
import { WebhooksModule } from './webhooks.module';

/** The collaborators the composition root (gateway.ts) starts and hands to Nest, one token each. */
export interface GatewayCollaborators {
  logger: Logger;
  kubeConfig: KubeConfig;
  http: HttpOptions;
  settings: SettingsStore;
  accounts: LocalAccounts;
  accountStates: AccountStates;
  sessionTokens: SessionTokens;
  /** The token signing key, which also keys the password fingerprint in session tokens. */
  signingKey: Uint8Array;
  revoked: RevokedTokens;
  limiter: LoginLimiter;
  trustedProxies: TrustedProxies;
  appResources: ArgoResources<Application>;
  projectResources: ArgoResources<AppProject>;
  authz: Authorizer;
  watch: AppWatch;
  controller: ControllerClient;
  repoServer: RepoServerClient;
  version: VersionInfo;
  webhook: WebhookOptions;
}

/** The REST API's domains, one Nest module each (the API fuzz test enumerates their routes). */
export const domainModules = [SessionModule, ApplicationsModule, ProjectsModule, StreamModule, WebhooksModule];

/** The handlers, built by Nest from the collaborators' tokens; gRPC gets the same instances (gateway.ts). */
const handlerProviders: Provider[] = [
  {
    provide: Token.Authenticator,
    inject: [Token.SessionTokens, Token.ProjectResources, Token.AccountStates, Token.RevokedTokens],
    useFactory: (tokens: SessionTokens, projects: ArgoResources<AppProject>, accounts: AccountStates, revoked: RevokedTokens) =>
      new Authenticator({ tokens, projects, accounts, revoked }),
  },
  {
    provide: Token.AppHandlers,
    inject: [Token.KubeConfig, Token.AppResources, Token.ProjectResources, Token.Authorizer, Token.ControllerClient, Token.RepoServerClient],
    useFactory: (
      kc: KubeConfig,
      apps: ArgoResources<Application>,
      projects: ArgoResources<AppProject>,
      authz: Authorizer,
      controller: ControllerClient,
      repoServer: RepoServerClient,
    ) => new AppHandlers(kc, apps, projects, authz, controller, repoServer),
  },
  {
    provide: Token.ProjectHandlers,
    inject: [Token.ProjectResources, Token.Authorizer, Token.SessionTokens],
    useFactory: (projects: ArgoResources<AppProject>, authz: Authorizer, tokens: SessionTokens) => new ProjectHandlers(projects, authz, tokens),
  },
  {
    provide: Token.SessionHandlers,
    inject: [Token.Accounts, Token.SessionTokens, Token.SigningKey, Token.LoginLimiter, Token.RevokedTokens, Token.Logger],
    useFactory: (accounts: LocalAccounts, tokens: SessionTokens, key: Uint8Array, limiter: LoginLimiter, revoked: RevokedTokens, logger: Logger) =>
      new SessionHandlers({ accounts, tokens, key, limiter, revoked, logger }),
  },
  {
    provide: Token.WebhookHandler,
    inject: [Token.AppResources, Token.Settings, Token.Logger, Token.WebhookOptions],
    useFactory: (apps: ArgoResources<Application>, settings: SettingsStore, logger: Logger, options: WebhookOptions) =>
      new WebhookHandler(apps, settings, logger, options),
  },
];

/** The collaborators as value providers, each under its token. */
function collaboratorProviders(c: GatewayCollaborators): Provider[] {
  const values: [Token, unknown][] = [
    [Token.Logger, c.logger],
    [Token.KubeConfig, c.kubeConfig],
    [Token.HttpOptions, c.http],
    [Token.Settings, c.settings],
    [Token.Accounts, c.accounts],
    [Token.AccountStates, c.accountStates],
    [Token.SessionTokens, c.sessionTokens],
    [Token.SigningKey, c.signingKey],
    [Token.RevokedTokens, c.revoked],
    [Token.LoginLimiter, c.limiter],
    [Token.TrustedProxies, c.trustedProxies],
    [Token.AppResources, c.appResources],
    [Token.ProjectResources, c.projectResources],
    [Token.Authorizer, c.authz],
    [Token.AppWatch, c.watch],
    [Token.ControllerClient, c.controller],
    [Token.RepoServerClient, c.repoServer],
    [Token.Version, c.version],
    [Token.WebhookOptions, c.webhook],
  ];
  return values.map(([provide, useValue]) => ({ provide, useValue }));
}

/**
 * The REST API's root module: the collaborators and handlers as global providers, the domain modules, and what
 * runs around every route in this order: AuthGuard (who), RbacGuard (may they), TracingInterceptor (a span),
 * BodyInterceptor (read the body), the pipes (parse and validate it), the handler; FjordExceptionFilter answers errors.
 */
@Module({})
export class GatewayHttpModule {
  static forRoot(collaborators: GatewayCollaborators): DynamicModule {
    const providers = [...collaboratorProviders(collaborators), ...handlerProviders];
    return {
      module: GatewayHttpModule,
      global: true,
      imports: domainModules,
      providers: [
        ...providers,
        { provide: APP_GUARD, useClass: AuthGuard },
        { provide: APP_GUARD, useClass: RbacGuard },
        { provide: APP_INTERCEPTOR, useClass: TracingInterceptor },
        { provide: APP_INTERCEPTOR, useClass: BodyInterceptor },
        { provide: APP_FILTER, useClass: FjordExceptionFilter },
      ],
      exports: providers.map((p) => (p as { provide: Token }).provide),
    };
  }
}
