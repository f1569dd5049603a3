import { createHash, randomUUID } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { UnauthenticatedError } from '@fjord/platform';
import type { Caller } from './caller';

/** The issuer of Fjord's tokens (Argo CD's is `argocd`; tokens are accepted by the gateway that signed them). */
export const TOKEN_ISSUER = 'argocd';
/** The private claim of a session token that holds its account's password fingerprint at login. */
export const PASSWORD_FINGERPRINT_CLAIM = 'pfp';
const PROJECT_SUBJECT = /^proj:([^:]+):([^:]+)$/;
const PLAIN_ID = /^[-._a-zA-Z0-9]{1,200}$/;
const sha256 = (text: string) => `sha256-${createHash('sha256').update(text).digest('hex')}`;

/** Options of the token signer. */
export interface SessionTokenOptions {
  /** HS256 key (`server.secretkey` of `argocd-secret`). */
  key: Uint8Array;
  /** Lifetime of a login session, in seconds (Argo CD: 24h). */
  sessionSeconds: number;
  /** Injected clock, in milliseconds, for tests. */
  now?: () => number;
}

/** What a verified token says. */
export interface TokenClaims {
  caller: Caller;
  /** `iat` in ms: session tokens carry it to the millisecond (a JWT NumericDate may have a fraction). */
  issuedAtMs: number;
  /** `exp` in ms; undefined for a token that does not expire. */
  expiresAtMs?: number;
  /** The key of the token on the revocation list: its `jti`, or a hash of the token when it has none. */
  revocationId: string;
  /** The password fingerprint of a session token, when it carries one. */
  passwordFingerprint?: string;
}

/** Signs and verifies Fjord's JWTs (HS256): login sessions for accounts and API tokens for project roles. */
export class SessionTokens {
  private readonly now: () => number;

  constructor(private readonly options: SessionTokenOptions) {
    this.now = options.now ?? Date.now;
  }

  /**
   * A session token for a local account, expiring after the session lifetime. Its `iat` keeps milliseconds, so a
   * password change in the same second as a login is still ordered against it.
   */
  async issueSession(username: string, passwordFingerprint?: string): Promise<string> {
    const nowMs = this.now();
    const iat = nowMs / 1000;
    const whole = Math.floor(iat);
    return new SignJWT(passwordFingerprint ? { [PASSWORD_FINGERPRINT_CLAIM]: passwordFingerprint } : {})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setSubject(username)
      .setIssuedAt(iat)
      .setNotBefore(whole)
      .setExpirationTime(whole + this.options.sessionSeconds)
      .setJti(randomUUID())
      .sign(this.options.key);
  }

  /** An API token for a project role; `expiresIn` seconds, 0 for none. Returns the token and its id. */
  async issueProjectToken(project: string, role: string, expiresIn: number): Promise<{ token: string; id: string; iat: number; exp?: number }> {
    const iat = Math.floor(this.now() / 1000);
    const id = randomUUID();
    const jwt = new SignJWT({})
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(TOKEN_ISSUER)
      .setSubject(`proj:${project}:${role}`)
      .setIssuedAt(iat)
      .setJti(id);
    const exp = expiresIn > 0 ? iat + expiresIn : undefined;
    if (exp) jwt.setExpirationTime(exp);
    return { token: await jwt.sign(this.options.key), id, iat, exp };
  }

  /** Verifies signature, issuer and expiry; UnauthenticatedError with a reason (never the token) otherwise. */
  async verify(token: string): Promise<TokenClaims> {
    let payload;
    try {
      ({ payload } = await jwtVerify(token, this.options.key, {
        issuer: TOKEN_ISSUER,
        algorithms: ['HS256'],
        currentDate: new Date(this.now()),
      }));
    } catch (err) {
      if (err instanceof errors.JWTExpired) throw new UnauthenticatedError('token is expired');
      throw new UnauthenticatedError('invalid token');
    }
    if (!payload.sub) throw new UnauthenticatedError('invalid token: no subject');
    const project = PROJECT_SUBJECT.exec(payload.sub);
    const caller: Caller = project
      ? { subject: payload.sub, projectRole: { project: project[1], role: project[2], tokenId: payload.jti ?? '', rules: [] } }
      : { subject: payload.sub };
    const fingerprint = payload[PASSWORD_FINGERPRINT_CLAIM];
    return {
      caller,
      issuedAtMs: Math.round((payload.iat ?? 0) * 1000),
      expiresAtMs: payload.exp === undefined ? undefined : payload.exp * 1000,
      revocationId: !payload.jti ? sha256(token) : PLAIN_ID.test(payload.jti) ? payload.jti : sha256(payload.jti),
      passwordFingerprint: typeof fingerprint === 'string' ? fingerprint : undefined,
    };
  }
}
