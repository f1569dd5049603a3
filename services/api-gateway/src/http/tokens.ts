/**
 * Nest's injection tokens for the gateway's collaborators. The gateway runs under tsx (esbuild), which emits no
 * decorator metadata, so every constructor parameter Nest fills names its token with `@Inject(Token.X)`. ADR 0008.
 */
export const Token = {
  Logger: 'fjord.Logger',
  KubeConfig: 'fjord.KubeConfig',
  HttpOptions: 'fjord.HttpOptions',
  Settings: 'fjord.SettingsStore',
  Accounts: 'fjord.LocalAccounts',
  AccountStates: 'fjord.AccountStates',
  SessionTokens: 'fjord.SessionTokens',
  SigningKey: 'fjord.SigningKey',
  RevokedTokens: 'fjord.RevokedTokens',
  LoginLimiter: 'fjord.LoginLimiter',
  TrustedProxies: 'fjord.TrustedProxies',
  AppResources: 'fjord.AppResources',
  ProjectResources: 'fjord.ProjectResources',
  Authorizer: 'fjord.Authorizer',
  AppWatch: 'fjord.AppWatch',
  ControllerClient: 'fjord.ControllerClient',
  RepoServerClient: 'fjord.RepoServerClient',
  Version: 'fjord.VersionInfo',
  Authenticator: 'fjord.Authenticator',
  AppHandlers: 'fjord.AppHandlers',
  ProjectHandlers: 'fjord.ProjectHandlers',
  SessionHandlers: 'fjord.SessionHandlers',
  WebhookOptions: 'fjord.WebhookOptions',
  WebhookHandler: 'fjord.WebhookHandler',
} as const;
export type Token = (typeof Token)[keyof typeof Token];

/** The HTTP server's own settings. */
export interface HttpOptions {
  host: string;
  port: number;
  /** Largest request body read; bigger ones are answered 413. */
  maxBodyBytes: number;
}
