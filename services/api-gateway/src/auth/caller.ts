import type { PolicyRule } from '@fjord/rbac';

/** Who is calling: a local account (session token) or a project role (API token). */
export interface Caller {
  /** The RBAC subject: the account name, or `proj:<project>:<role>`. */
  subject: string;
  /** The project and role of an API token, with that role's policies. */
  projectRole?: { project: string; role: string; tokenId: string; rules: PolicyRule[] };
  /** The token the caller presented, for logging out: its id on the revocation list and its expiry in ms. */
  token?: { revocationId: string; expiresAtMs?: number };
}
