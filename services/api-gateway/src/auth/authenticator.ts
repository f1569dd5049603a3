import { UnauthenticatedError } from '@fjord/platform';
import { projectRoleRules } from '@fjord/rbac';
import type { ArgoResources } from '../kube/argo-resources';
import type { AppProject } from '../projects/app-project';
import type { Caller } from './caller';
import type { SessionTokens } from './session-tokens';

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

/**
 * Turns a token into a Caller: verifies it, and for a project role token checks that the role still exists and
 * still lists the token (so deleting a role or a token revokes it), and attaches the role's policies.
 */
export class Authenticator {
  constructor(
    private readonly tokens: SessionTokens,
    private readonly projects: ArgoResources<AppProject>,
  ) {}

  /** The caller of a request; UnauthenticatedError without a valid token. */
  async authenticate(token: string | undefined): Promise<Caller> {
    if (!token) throw new UnauthenticatedError('no session: log in and send "Authorization: Bearer <token>"');
    const { caller } = await this.tokens.verify(token);
    if (!caller.projectRole) return caller;
    const { project, role, tokenId } = caller.projectRole;
    const proj = await this.projects.get(project).catch(() => undefined);
    const spec = proj?.spec.roles?.find((r) => r.name === role);
    if (!spec || !(spec.jwtTokens ?? []).some((t) => t.id === tokenId)) throw new UnauthenticatedError('token has been revoked');
    return { ...caller, projectRole: { ...caller.projectRole, rules: projectRoleRules(project, role, spec.policies ?? []) } };
  }
}
