import fc from 'fast-check';
import { accountRecord, accountStatusOf, ADMIN, passwordFingerprint } from './account-record';
import { SessionTokens } from './session-tokens';
import { refusalMessage, sessionTokenVerdict, TokenRefusal } from './token-verdict';

// "A token dies with its account": random histories of account events, checked after every event against the
// pure decision. The system under test sees only what the gateway sees — the account store rendered as Argo CD's
// argocd-cm / argocd-secret data, the token's own claims (signed and verified by the real SessionTokens), and the
// revocation list; the oracle decides from the history of events alone.

const KEY = new TextEncoder().encode('property-test-signing-key-0123456789');
const SESSION_SECONDS = 3600;
const NAMES = [ADMIN, 'alice', 'bob'] as const;
type Name = (typeof NAMES)[number];

type AccountEvent =
  | { kind: 'create' | 'login' | 'enable' | 'remove' | 'changePassword'; name: Name }
  | { kind: 'disable'; name: Name; how: 'enabledFalse' | 'noLoginCapability' }
  | { kind: 'logout'; token: number }
  | { kind: 'tick'; ms: number }
  | { kind: 'toExpiry'; token: number; offsetMs: number };

/** The store: what argocd-cm and argocd-secret hold. */
interface StoredAccount {
  disabled?: 'enabledFalse' | 'noLoginCapability';
  hash: string;
  mtimeMs: number;
}

/** A token as the gateway sees it: what its verified claims say. */
interface IssuedToken {
  name: Name;
  facts: { issuedAtMs: number; expiresAtMs?: number; passwordFingerprint?: string };
  revocationId: string;
}

/** Renders the store the way Argo CD keeps it. */
function render(store: Map<Name, StoredAccount>): { cm: Record<string, string>; secret: Record<string, string> } {
  const cm: Record<string, string> = {};
  const secret: Record<string, string> = {};
  for (const [name, a] of store) {
    const prefix = name === ADMIN ? ADMIN : `accounts.${name}`;
    if (name !== ADMIN) cm[prefix] = a.disabled === 'noLoginCapability' ? 'apiKey' : 'apiKey, login';
    if (a.disabled === 'enabledFalse' || (name === ADMIN && a.disabled)) cm[`${prefix}.enabled`] = 'false';
    secret[`${prefix}.password`] = a.hash;
    secret[`${prefix}.passwordMtime`] = new Date(a.mtimeMs).toISOString();
  }
  return { cm, secret };
}

const eventArb: fc.Arbitrary<AccountEvent> = fc.oneof(
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('create' as const), name: fc.constantFrom(...NAMES) }) },
  { weight: 5, arbitrary: fc.record({ kind: fc.constant('login' as const), name: fc.constantFrom(...NAMES) }) },
  {
    weight: 2,
    arbitrary: fc.record({
      kind: fc.constant('disable' as const),
      name: fc.constantFrom(...NAMES),
      how: fc.constantFrom('enabledFalse' as const, 'noLoginCapability' as const),
    }),
  },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('enable' as const), name: fc.constantFrom(...NAMES) }) },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('remove' as const), name: fc.constantFrom(...NAMES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('changePassword' as const), name: fc.constantFrom(...NAMES) }) },
  { weight: 2, arbitrary: fc.record({ kind: fc.constant('logout' as const), token: fc.nat(20) }) },
  // Sub-second steps order a login and a password change within one second; long ones reach expiry.
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('tick' as const),
      ms: fc.oneof(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 1000, max: SESSION_SECONDS * 600 })),
    }),
  },
  // Jumps to just before, at or after a token's expiry.
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('toExpiry' as const),
      token: fc.nat(20),
      offsetMs: fc.oneof(fc.constantFrom(-1, 0, 1), fc.integer({ min: -1500, max: 1500 })),
    }),
  },
);

/**
 * The oracle: knows only the history of events. A token is accepted iff its account exists and is enabled now, no
 * password was set for that account (a change, or a re-creation) after the token was issued, it was not logged
 * out, and it has not expired (`exp` = whole second of issue + session lifetime).
 */
class Oracle {
  private readonly accounts = new Map<Name, { enabled: boolean }>([[ADMIN, { enabled: true }]]);
  readonly tokens: { name: Name; issuedAt: number; passwordSetSince: boolean; loggedOut: boolean }[] = [];

  apply(event: AccountEvent, now: number): void {
    const account = 'name' in event ? this.accounts.get(event.name) : undefined;
    const passwordSet = (name: Name) => this.tokens.filter((t) => t.name === name).forEach((t) => (t.passwordSetSince = true));
    if (event.kind === 'create' && !account) {
      this.accounts.set(event.name, { enabled: true });
      passwordSet(event.name);
    } else if (event.kind === 'changePassword' && account) passwordSet(event.name);
    else if (event.kind === 'remove' && account && event.name !== ADMIN) this.accounts.delete(event.name);
    else if (event.kind === 'disable' && account) account.enabled = false;
    else if (event.kind === 'enable' && account) account.enabled = true;
    else if (event.kind === 'login' && account?.enabled) this.tokens.push({ name: event.name, issuedAt: now, passwordSetSince: false, loggedOut: false });
    else if (event.kind === 'logout' && this.tokens.length) this.tokens[event.token % this.tokens.length].loggedOut = true;
  }

  accepted(index: number, now: number): boolean {
    const t = this.tokens[index];
    const expiresAt = (Math.floor(t.issuedAt / 1000) + SESSION_SECONDS) * 1000;
    return this.accounts.get(t.name)?.enabled === true && !t.passwordSetSince && !t.loggedOut && now < expiresAt;
  }
}

/** Replays a history; after every event, each issued token's verdict must equal the oracle's. */
async function replay(events: AccountEvent[], startMs: number): Promise<void> {
  let now = startMs;
  const tokens = new SessionTokens({ key: KEY, sessionSeconds: SESSION_SECONDS, now: () => now });
  const store = new Map<Name, StoredAccount>([[ADMIN, { hash: 'hash-0', mtimeMs: now }]]);
  const oracle = new Oracle();
  const issued: IssuedToken[] = [];
  const revoked = new Set<string>();
  let hashes = 1;

  for (const event of events) {
    // Every event takes at least a millisecond.
    const target = event.kind === 'toExpiry' && issued.length ? (issued[event.token % issued.length].facts.expiresAtMs ?? 0) + event.offsetMs : 0;
    now = event.kind === 'tick' ? now + event.ms : Math.max(now + 1, target);
    const account = 'name' in event ? store.get(event.name) : undefined;
    switch (event.kind) {
      case 'create':
        if (!account) store.set(event.name, { hash: `hash-${hashes++}`, mtimeMs: now });
        break;
      case 'login': {
        // Who may log in, by the store's rule (LocalAccounts.verifyPassword, minus bcrypt).
        const { cm, secret } = render(store);
        const record = accountRecord(event.name, cm, secret);
        if (!record?.enabled || !record.passwordHash) break;
        const claims = await tokens.verify(await tokens.issueSession(event.name, passwordFingerprint(KEY, record.passwordHash)));
        issued.push({ name: event.name, facts: claims, revocationId: claims.revocationId });
        break;
      }
      case 'disable':
        if (account) account.disabled = event.how;
        break;
      case 'enable':
        if (account) delete account.disabled;
        break;
      case 'remove':
        if (event.name !== ADMIN) store.delete(event.name); // the admin account always exists, as in Argo CD
        break;
      case 'changePassword':
        if (account) Object.assign(account, { hash: `hash-${hashes++}`, mtimeMs: now });
        break;
      case 'logout':
        if (issued.length) revoked.add(issued[event.token % issued.length].revocationId);
        break;
      case 'tick':
      case 'toExpiry':
        break;
    }
    oracle.apply(event, now);
    expect(issued).toHaveLength(oracle.tokens.length);

    const { cm, secret } = render(store);
    issued.forEach((token, i) => {
      const verdict = sessionTokenVerdict(token.facts, accountStatusOf(accountRecord(token.name, cm, secret), KEY), revoked.has(token.revocationId), now);
      if ((verdict === undefined) !== oracle.accepted(i, now)) {
        throw new Error(`token ${i} of ${token.name}: verdict ${verdict ?? 'accepted'}, oracle ${oracle.accepted(i, now) ? 'accepted' : 'refused'}`);
      }
    });
  }
}

describe('a session token dies with its account', () => {
  it('is accepted iff its account exists and is enabled, its password is unchanged since iat, it is not logged out, and it has not expired', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(eventArb, { minLength: 1, maxLength: 40 }), fc.integer({ min: 1_700_000_000_000, max: 1_900_000_000_000 }), (events, start) =>
        replay(events, start),
      ),
      { numRuns: 2000, seed: 15_345 },
    );
  }, 60_000);

  it('for example: alice logs in, the admin changes her password a few milliseconds later, and her old token is refused while a new login works', async () => {
    let now = Date.parse('2026-11-29T10:00:00.100Z');
    const tokens = new SessionTokens({ key: KEY, sessionSeconds: SESSION_SECONDS, now: () => now });
    const store = new Map<Name, StoredAccount>([
      [ADMIN, { hash: 'h0', mtimeMs: 0 }],
      ['alice', { hash: 'h1', mtimeMs: now - 60_000 }],
    ]);
    const status = () => accountStatusOf(accountRecord('alice', render(store).cm, render(store).secret), KEY);
    const old = await tokens.verify(await tokens.issueSession('alice', passwordFingerprint(KEY, 'h1')));
    expect(sessionTokenVerdict(old, status(), false, now)).toBeUndefined();

    now += 5; // same second
    store.set('alice', { hash: 'h2', mtimeMs: now });
    expect(sessionTokenVerdict(old, status(), false, now)).toBe(TokenRefusal.PasswordChanged);
    expect(refusalMessage.PasswordChanged).toBe('account password has changed since token issued');

    now += 5;
    const fresh = await tokens.verify(await tokens.issueSession('alice', passwordFingerprint(KEY, 'h2')));
    expect(sessionTokenVerdict(fresh, status(), false, now)).toBeUndefined();
    store.get('alice')!.disabled = 'enabledFalse';
    expect(sessionTokenVerdict(fresh, status(), false, now)).toBe(TokenRefusal.Disabled);
    store.delete('alice');
    expect(sessionTokenVerdict(fresh, status(), false, now)).toBe(TokenRefusal.NoAccount);
  });
});
