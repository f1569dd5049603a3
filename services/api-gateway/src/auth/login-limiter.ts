import { FjordError, ErrorKind } from '@fjord/platform';

/** The scopes in which failed logins are counted. */
export const LimitScope = {
  /** One account from one client address: the owner elsewhere is never locked out by it. */
  AccountClient: 'AccountClient',
  /** One client address over every account name (one machine guessing names). */
  Client: 'Client',
  /** One account from every address (a distributed guess at one account). */
  Account: 'Account',
  /** Every account from every address: bounds total guessing and the limiter's memory. */
  Global: 'Global',
} as const;
export type LimitScope = (typeof LimitScope)[keyof typeof LimitScope];

/** Options of the login limiter; `defaultLoginLimits` holds the defaults. */
export interface LoginLimits {
  /** Failures allowed per scope within the window. */
  maxFailures: Record<LimitScope, number>;
  windowMs: number;
  /** Most keys tracked at once (failure counters, and known addresses); the oldest go first. */
  maxKeys: number;
  /**
   * How long a successful login from an address exempts that address, for that account, from the Account and
   * Global caps (never from AccountClient), so a distributed attack cannot lock the owner out from where they work.
   */
  knownClientMs: number;
  now?: () => number;
}

/**
 * The defaults, against Argo CD's (`util/session/sessionmanager.go`, `server/server.go`):
 * - Argo CD counts failures per *user name only*: 5 (`ARGOCD_SESSION_FAILURE_MAX_FAIL_COUNT`) within 300 s
 *   (`ARGOCD_SESSION_FAILURE_WINDOW_SECONDS`), in a cache of at most 1000 names (`ARGOCD_SESSION_MAX_CACHE_SIZE`),
 *   and caps concurrent logins at 50 (`ARGOCD_MAX_CONCURRENT_LOGIN_REQUESTS_COUNT`). Counting per name alone lets
 *   anyone lock `admin` out, so here the 5-in-300 s limit applies per (account, client address).
 * - Per client address over all names: 50 (10× the per-account limit, as before), so one machine cannot spray names.
 * - Per account over all addresses: 100, and globally: 1000 (Argo CD's cache size), both in the same 300 s window;
 *   an address that logged in to the account within the last 24 h (a session's lifetime) is exempt from these two.
 *   The global cap also bounds memory: at most ~1000 failures are recorded per window, well under `maxKeys`.
 */
export const defaultLoginLimits: LoginLimits = {
  maxFailures: { AccountClient: 5, Client: 50, Account: 100, Global: 1000 },
  windowMs: 300_000,
  maxKeys: 10_000,
  knownClientMs: 86_400_000,
};

/** Thrown when a login is over one of the limits; HTTP 429, gRPC RESOURCE_EXHAUSTED. */
export class TooManyAttemptsError extends FjordError {
  constructor(readonly retryAfterSeconds: number) {
    super(ErrorKind.FailedPrecondition, `too many failed login attempts; retry in ${retryAfterSeconds}s`);
    this.name = 'TooManyAttemptsError';
  }
}

const keyOf = (scope: LimitScope, account: string, client: string): string =>
  scope === LimitScope.AccountClient
    ? `ac\0${account}\0${client}`
    : scope === LimitScope.Client
      ? `c\0${client}`
      : scope === LimitScope.Account
        ? `a\0${account}`
        : 'g';

/**
 * Counts failed logins in a sliding window per scope (see LimitScope) and refuses an attempt while any scope that
 * applies to it is full, until that scope's oldest counted failure leaves the window. Refused attempts are not
 * counted, so a full scope empties on its own.
 */
export class LoginLimiter {
  private readonly failures = new Map<string, number[]>();
  private readonly known = new Map<string, number>();
  private readonly limits: LoginLimits;
  private readonly now: () => number;

  constructor(limits: Partial<LoginLimits> = {}) {
    this.limits = { ...defaultLoginLimits, ...limits, maxFailures: { ...defaultLoginLimits.maxFailures, ...limits.maxFailures } };
    this.now = limits.now ?? Date.now;
  }

  private isKnown(account: string, client: string): boolean {
    const at = this.known.get(`${account}\0${client}`);
    return at !== undefined && this.now() - at < this.limits.knownClientMs;
  }

  /** The scopes that apply to a login of `account` from `client`. */
  private scopes(account: string, client: string): LimitScope[] {
    const all = [LimitScope.AccountClient, LimitScope.Client, LimitScope.Account, LimitScope.Global];
    return this.isKnown(account, client) ? all.slice(0, 2) : all;
  }

  private recent(key: string): number[] {
    const cutoff = this.now() - this.limits.windowMs;
    const kept = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (kept.length) this.failures.set(key, kept);
    else this.failures.delete(key);
    return kept;
  }

  /** Throws TooManyAttemptsError when a scope of this login is full. */
  check(account: string, client: string): void {
    for (const scope of this.scopes(account, client)) {
      const recent = this.recent(keyOf(scope, account, client));
      const max = this.limits.maxFailures[scope];
      if (recent.length >= max) {
        const oldest = recent[recent.length - max];
        throw new TooManyAttemptsError(Math.max(1, Math.ceil((oldest + this.limits.windowMs - this.now()) / 1000)));
      }
    }
  }

  /** Records one failed login in every scope that applies to it. */
  fail(account: string, client: string): void {
    for (const scope of this.scopes(account, client)) {
      const key = keyOf(scope, account, client);
      const kept = [...this.recent(key), this.now()].slice(-this.limits.maxFailures[scope]);
      this.failures.delete(key);
      this.failures.set(key, kept);
    }
    evictOldest(this.failures, this.limits.maxKeys);
  }

  /** Forgets the failures of this account from this address, and remembers the address as the owner's. */
  succeed(account: string, client: string): void {
    this.failures.delete(keyOf(LimitScope.AccountClient, account, client));
    const key = `${account}\0${client}`;
    this.known.delete(key);
    this.known.set(key, this.now());
    evictOldest(this.known, this.limits.maxKeys);
  }
}

function evictOldest(map: Map<string, unknown>, max: number): void {
  while (map.size > max) map.delete(map.keys().next().value as string);
}
