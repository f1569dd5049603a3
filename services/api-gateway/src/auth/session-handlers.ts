import { InputError, UnauthenticatedError, type Logger } from '@fjord/platform';
import { passwordFingerprint } from './account-record';
import type { LocalAccounts } from './accounts';
import type { Caller } from './caller';
import type { LoginLimiter } from './login-limiter';
import type { RevokedTokens } from './revoked-tokens';
import type { SessionTokens } from './session-tokens';

/** The server's version, as `/api/version` returns it. */
export interface VersionInfo {
  Version: string;
  BuildDate: string;
  GitCommit: string;
  Platform: string;
}

/** What the Session API works with. */
export interface SessionDeps {
  accounts: LocalAccounts;
  tokens: SessionTokens;
  /** The token signing key, which also keys the password fingerprint carried in session tokens. */
  key: Uint8Array;
  /** Failed logins per (account, client address), per client, per account and overall. */
  limiter: LoginLimiter;
  revoked: RevokedTokens;
  logger: Logger;
}

/** The Session API: log in with a local account, log out, and say who the caller is. */
export class SessionHandlers {
  constructor(private readonly deps: SessionDeps) {}

  /** Checks the password (rate limited, see LoginLimiter) and returns a session token. */
  async login(username: string, password: string, client: string): Promise<string> {
    const { limiter, accounts, logger } = this.deps;
    limiter.check(username, client);
    const account = await accounts.verifyPassword(username, password);
    if (!account?.passwordHash) {
      limiter.fail(username, client);
      logger.warn({ username, client }, 'login failed');
      throw new UnauthenticatedError('Invalid username or password');
    }
    limiter.succeed(username, client);
    logger.info({ username, client }, 'logged in');
    return this.deps.tokens.issueSession(username, passwordFingerprint(this.deps.key, account.passwordHash));
  }

  /** Logs the caller's token out: it is refused from now until it would have expired, on every replica. */
  async logout(caller: Caller): Promise<void> {
    if (!caller.token) throw new InputError('no session token to log out');
    await this.deps.revoked.revoke(caller.token.revocationId, caller.token.expiresAtMs);
    this.deps.logger.info({ subject: caller.subject }, 'logged out');
  }

  /** Who the caller is. */
  userInfo(caller: Caller): { loggedIn: boolean; username: string; iss: string } {
    return { loggedIn: true, username: caller.subject, iss: 'argocd' };
  }
}
