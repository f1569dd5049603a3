/**
 * The pure decision whether a local account's session token is still good, separated from I/O so that it can be
 * property-tested: a token is accepted iff its account exists, is enabled (and may log in), its password was not
 * changed after the token was issued, it was not logged out, and it has not expired. Argo CD decides the same in
 * `util/session/sessionmanager.go` (`Parse`: account disabled, `passwordMtime` after `iat`, revoked token id).
 */

/** Why a session token is refused. */
export const TokenRefusal = {
  Expired: 'Expired',
  NoAccount: 'NoAccount',
  Disabled: 'Disabled',
  PasswordChanged: 'PasswordChanged',
  Revoked: 'Revoked',
} as const;
export type TokenRefusal = (typeof TokenRefusal)[keyof typeof TokenRefusal];

/** The message a caller gets for each refusal (never the token, never an account's secret). */
export const refusalMessage: Record<TokenRefusal, string> = {
  Expired: 'token is expired',
  NoAccount: 'account of this token no longer exists',
  Disabled: 'account of this token is disabled',
  PasswordChanged: 'account password has changed since token issued',
  Revoked: 'token has been revoked (logged out)',
};

/** What the account store says about one account now. */
export interface AccountStatus {
  /** False when disabled (`enabled: "false"`) or when the account lost its `login` capability. */
  enabled: boolean;
  /** When the password was last set, in ms since the epoch (`passwordMtime`); Infinity when unreadable. */
  passwordMtimeMs?: number;
  /** Keyed fingerprint of the current password hash; a token that carries another one predates a change. */
  passwordFingerprint?: string;
}

/** What a verified session token says about itself. */
export interface SessionTokenFacts {
  /** Issue time (`iat`), in ms since the epoch. */
  issuedAtMs: number;
  /** Expiry (`exp`), in ms since the epoch; undefined for none. */
  expiresAtMs?: number;
  /** The fingerprint of the password hash at login, when the token carries one. */
  passwordFingerprint?: string;
}

/**
 * Returns why the token is refused, or undefined when it is accepted. `account` is undefined when the account does
 * not exist; `revoked` says whether its id is on the revocation list. A password set at the very millisecond of
 * issue counts as set before it (Argo CD: refused when `iat` is before `passwordMtime`).
 */
export function sessionTokenVerdict(token: SessionTokenFacts, account: AccountStatus | undefined, revoked: boolean, nowMs: number): TokenRefusal | undefined {
  if (token.expiresAtMs !== undefined && nowMs >= token.expiresAtMs) return TokenRefusal.Expired;
  if (!account) return TokenRefusal.NoAccount;
  if (!account.enabled) return TokenRefusal.Disabled;
  if (account.passwordMtimeMs !== undefined && token.issuedAtMs < account.passwordMtimeMs) return TokenRefusal.PasswordChanged;
  if (token.passwordFingerprint !== undefined && token.passwordFingerprint !== account.passwordFingerprint) return TokenRefusal.PasswordChanged;
  if (revoked) return TokenRefusal.Revoked;
  return undefined;
}
