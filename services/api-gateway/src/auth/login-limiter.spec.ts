import { LoginLimiter, TooManyAttemptsError } from './login-limiter';

describe('LoginLimiter', () => {
  let now = 1_000_000;
  const limiter = () => new LoginLimiter({ now: () => now });
  const attempt = (l: LoginLimiter, account: string, client: string) => {
    l.check(account, client);
    l.fail(account, client);
  };

  it("does not lock the owner out: an attacker's 10 failures for admin from A leave admin at B alone", () => {
    const l = limiter();
    for (let i = 0; i < 5; i++) attempt(l, 'admin', '10.0.0.1');
    expect(() => l.check('admin', '10.0.0.1')).toThrow(TooManyAttemptsError);
    for (let i = 0; i < 5; i++) expect(() => l.check('admin', '10.0.0.1')).toThrow('retry in 300s');
    expect(() => l.check('admin', '10.0.0.2')).not.toThrow();
  });

  it('lets an address in again once its oldest failure leaves the 300 s window', () => {
    const l = limiter();
    for (let i = 0; i < 5; i++) attempt(l, 'alice', '10.0.0.1');
    now += 299_000;
    expect(() => l.check('alice', '10.0.0.1')).toThrow('retry in 1s');
    now += 1_000;
    expect(() => l.check('alice', '10.0.0.1')).not.toThrow();
  });

  it('caps one address guessing many names at 50', () => {
    const l = limiter();
    for (let i = 0; i < 50; i++) attempt(l, `user${i}`, '10.0.0.9');
    expect(() => l.check('someone-else', '10.0.0.9')).toThrow(TooManyAttemptsError);
    expect(() => l.check('someone-else', '10.0.0.10')).not.toThrow();
  });

  it('caps a distributed guess at one account at 100, except from an address the owner logged in from', () => {
    const l = limiter();
    l.succeed('admin', '192.168.1.5');
    for (let i = 0; i < 100; i++) attempt(l, 'admin', `10.1.${Math.floor(i / 4)}.${i % 4}`);
    expect(() => l.check('admin', '10.9.9.9')).toThrow(TooManyAttemptsError);
    expect(() => l.check('admin', '192.168.1.5')).not.toThrow();
    expect(() => l.check('alice', '10.9.9.9')).not.toThrow();
  });

  it('caps failures over all accounts and addresses at 1000', () => {
    const l = limiter();
    for (let i = 0; i < 1000; i++) attempt(l, `u${i % 10}`, `10.2.${Math.floor(i / 4)}.${i % 4}`);
    expect(() => l.check('fresh', '10.3.0.1')).toThrow(TooManyAttemptsError);
  });
});
