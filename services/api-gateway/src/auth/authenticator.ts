import { UnauthenticatedError } from '@fjord/platform';
import type { ArgoResources } from '../kube/argo-resources';
import type { AppProject } from '@fjord/argo';
import { scopedProjectRoleRules } from '../projects/role-policy';
import type { AccountStatus } from './token-verdict';
import { refusalMessage, sessionTokenVerdict, TokenRefusal } from './token-verdict';
import type { Caller } from './caller';
import type { SessionTokens, TokenClaims } from './session-tokens';

/** The cookie Argo CD's UI keeps its token in; accepted beside `Authorization: Bearer`. */
export const TOKEN_COOKIE = 'argocd.token';

/** Picks the token out of an Authorization header or the session cookie. */
export function tokenFrom(headers: { authorization?: string; cookie?: string }): string | undefined {
  const auth = headers.authorization;
  if (auth && /^bearer /i.test(auth)) return auth.slice(7).trim() || undefined;
  for (const part of (headers.cookie ?? '').split(';')) {
    const [name, ...value] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return value.join('=') || undefined;
  }
  return undefined;
}

/** Where the authenticator reads accounts and logged-out tokens. */
export interface AuthenticatorSources {
  tokens: SessionTokens;
  projects: ArgoResources<AppProject>;
  /** The accounts as last watched, and as the API server has them now. */
  accounts: { status(name: string): AccountStatus | undefined; fresh(name: string): Promise<AccountStatus | undefined> };
  /** The revocation list of logged-out tokens. */
  revoked: { has(id: string): boolean };
  now?: () => number;
}

/**
 * Turns a token into a Caller. A session token must still belong to an existing, enabled account whose password
 * has not changed since it was issued, and must not be logged out. A project role token must still be listed in
 * its role's `jwtTokens` (so deleting a role or a token revokes it) and not be logged out; it gets only its role's
 * project-scoped policies.
 */
export class Authenticator {
  private readonly now: () => number;

  constructor(private readonly sources: AuthenticatorSources) {
    this.now = sources.now ?? Date.now;
  }

  /** The caller of a request; UnauthenticatedError without a valid token. */
  async authenticate(token: string | undefined): Promise<Caller> {
    if (!token) throw new UnauthenticatedError('no session: log in and send "Authorization: Bearer <token>"');
    const claims = await this.sources.tokens.verify(token);
    const caller: Caller = { ...claims.caller, token: { revocationId: claims.revocationId, expiresAtMs: claims.expiresAtMs } };
    if (caller.projectRole) return this.projectCaller(caller, claims);
    await this.checkSession(caller.subject, claims);
    return caller;
  }

  /**
   * Refuses a session token by `sessionTokenVerdict`. A refusal that the account state explains is confirmed
   * against the API server first, so a watch that lags a moment behind (a login just after a password change)
   * never refuses a good token; an acceptance never waits for the API server.
   */
  private async checkSession(subject: string, claims: TokenClaims): Promise<void> {
    const facts = { issuedAtMs: claims.issuedAtMs, expiresAtMs: claims.expiresAtMs, passwordFingerprint: claims.passwordFingerprint };
    const revoked = this.sources.revoked.has(claims.revocationId);
    let refusal = sessionTokenVerdict(facts, this.sources.accounts.status(subject), revoked, this.now());
    if (refusal && refusal !== TokenRefusal.Expired && refusal !== TokenRefusal.Revoked) {
      refusal = sessionTokenVerdict(facts, await this.sources.accounts.fresh(subject), revoked, this.now());
    }
    if (refusal) throw new UnauthenticatedError(refusalMessage[refusal]);
  }

  private async projectCaller(caller: Caller, claims: TokenClaims): Promise<Caller> {
    const { project, role, tokenId } = caller.projectRole!;
    if (this.sources.revoked.has(claims.revocationId)) throw new UnauthenticatedError(refusalMessage.Revoked);
    const proj = await this.sources.projects.get(project).catch(() => undefined);
    const spec = proj?.spec.roles?.find((r) => r.name === role);
    if (!tokenId || !spec || !(spec.jwtTokens ?? []).some((t) => t.id === tokenId)) throw new UnauthenticatedError('token has been revoked');
    return { ...caller, projectRole: { ...caller.projectRole!, rules: scopedProjectRoleRules(project, role, spec.policies ?? []) } };
  }
}
