import { createHmac } from 'node:crypto';
import type { AccountStatus } from './token-verdict';

/** The built-in account. */
export const ADMIN = 'admin';
/** The capability an account needs to log in with a password (`accounts.<name>: login` in `argocd-cm`). */
export const LOGIN_CAPABILITY = 'login';
const ACCOUNT_NAME = /^[a-zA-Z0-9._-]{1,64}$/;

/** One local account as Argo CD stores it in `argocd-cm` and `argocd-secret`. */
export interface AccountRecord {
  /** Not disabled, and (for accounts other than admin) has the `login` capability. */
  enabled: boolean;
  /** The bcrypt hash; undefined when none is set. Never logged or returned. */
  passwordHash?: string;
  /** `passwordMtime` in ms; Infinity when present but unreadable (as Argo CD, which then refuses the account). */
  passwordMtimeMs?: number;
}

/** Reads an RFC 3339 `passwordMtime`; undefined when absent, Infinity when it cannot be read. */
export function parsePasswordMtime(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? Infinity : ms;
}

/** The keys of an account in Argo CD's settings: `admin.*` for admin, `accounts.<name>.*` for the others. */
export function accountKeys(name: string): { password: string; passwordMtime: string; enabled: string } {
  const prefix = name === ADMIN ? ADMIN : `accounts.${name}`;
  return { password: `${prefix}.password`, passwordMtime: `${prefix}.passwordMtime`, enabled: `${prefix}.enabled` };
}

/**
 * Finds an account in `argocd-cm` data (`accounts.<name>: login[,apiKey]`, `accounts.<name>.enabled`,
 * `admin.enabled`) and decoded `argocd-secret` data (`accounts.<name>.password`, `accounts.<name>.passwordMtime`,
 * `admin.password`, `admin.passwordMtime`). The admin account always exists; the others exist while their
 * `accounts.<name>` key does. Undefined when there is no such account.
 */
export function accountRecord(name: string, cm: Record<string, string>, secret: Record<string, string>): AccountRecord | undefined {
  if (!ACCOUNT_NAME.test(name)) return undefined;
  const keys = accountKeys(name);
  let enabled = cm[keys.enabled] !== 'false';
  if (name !== ADMIN) {
    const capabilities = cm[`accounts.${name}`];
    if (capabilities === undefined) return undefined;
    enabled &&= capabilities
      .split(',')
      .map((c) => c.trim())
      .includes(LOGIN_CAPABILITY);
  }
  return { enabled, passwordHash: secret[keys.password] || undefined, passwordMtimeMs: parsePasswordMtime(secret[keys.passwordMtime]) };
}

/** A keyed fingerprint of a password hash, carried in session tokens so that a changed hash ends them. */
export function passwordFingerprint(key: Uint8Array, passwordHash: string): string {
  return createHmac('sha256', key).update(passwordHash).digest('base64url').slice(0, 22);
}

/** What the token check needs to know about an account. */
export function accountStatusOf(record: AccountRecord | undefined, key: Uint8Array): AccountStatus | undefined {
  if (!record) return undefined;
  return {
    enabled: record.enabled,
    passwordMtimeMs: record.passwordMtimeMs,
    passwordFingerprint: record.passwordHash ? passwordFingerprint(key, record.passwordHash) : undefined,
  };
}
