import { UnauthenticatedError, type Logger } from '@fjord/platform';
import type { LocalAccounts } from './accounts';
import type { Caller } from './caller';
import type { LoginLimiter } from './login-limiter';
import type { SessionTokens } from './session-tokens';

/** The server's version, as `/api/version` returns it. */
export interface VersionInfo {
  Version: string;
  BuildDate: string;
  GitCommit: string;
  Platform: string;
}

/** The Session API: log in with a local account, and say who the caller is. */
export class SessionHandlers {
  constructor(
    private readonly accounts: LocalAccounts,
    private readonly tokens: SessionTokens,
    /** Failed logins per user name, and (with a higher limit) per client address guessing many names. */
    private readonly limiters: { users: LoginLimiter; clients: LoginLimiter },
    private readonly logger: Logger,
  ) {}

  /** Checks the password (rate limited per user and client) and returns a session token. */
  async login(username: string, password: string, client: string): Promise<string> {
    const { users, clients } = this.limiters;
    users.check([username]);
    clients.check([client]);
    if (!(await this.accounts.verifyPassword(username, password))) {
      users.fail([username]);
      clients.fail([client]);
      this.logger.warn({ username, client }, 'login failed');
      throw new UnauthenticatedError('Invalid username or password');
    }
    users.succeed([username]);
    this.logger.info({ username, client }, 'logged in');
    return this.tokens.issueSession(username);
  }

  /** Who the caller is. */
  userInfo(caller: Caller): { loggedIn: boolean; username: string; iss: string } {
    return { loggedIn: true, username: caller.subject, iss: 'argocd' };
  }
}
