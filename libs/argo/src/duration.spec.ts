import fc from 'fast-check';
import { DurationError, formatDurationMs, formatGoDuration, parseBackoffDuration, parseDurationMs, parseGoDuration } from './duration';

describe('parseGoDuration (time.ParseDuration, nanoseconds)', () => {
  it.each<[string, bigint]>([
    ['5s', 5_000_000_000n],
    ['1h30m', 5_400_000_000_000n],
    ['1.5h', 5_400_000_000_000n],
    ['300ms', 300_000_000n],
    ['1µs', 1_000n],
    ['1μs', 1_000n],
    ['2us', 2_000n],
    ['7ns', 7n],
    ['-2m', -120_000_000_000n],
    ['+3s', 3_000_000_000n],
    ['.5s', 500_000_000n],
    ['5.s', 5_000_000_000n],
    ['0.3333333333s', 333_333_333n],
    ['0', 0n],
    ['-0', 0n],
    ['2562047h47m16.854775807s', 9_223_372_036_854_775_807n],
  ])('%s → %d ns', (text, ns) => {
    expect(parseGoDuration(text)).toBe(ns);
  });

  it.each(['', '10', '5d', '1h 30m', 'm5', '.s', ' 5s', '2562047h47m16.854775808s'])("rejects %j with Go's message", (text) => {
    expect(() => parseGoDuration(text)).toThrow(new DurationError(text));
    expect(() => parseGoDuration(text)).toThrow(`time: invalid duration ${JSON.stringify(text)}`);
  });

  it('reads back what formatGoDuration writes', () => {
    const ns = fc.bigInt({ min: -(10n ** 15n), max: 10n ** 15n });
    fc.assert(
      fc.property(ns, (n) => parseGoDuration(formatGoDuration(n)) === n),
      { seed: 16, numRuns: 2000 },
    );
  });
});

describe('millisecond readers', () => {
  it.each<[string, number]>([
    ['5s', 5000],
    ['3m', 180_000],
    ['1.5h', 5_400_000],
    ['2m3.5s', 123_500],
    ['-2m', -120_000],
    ['1h0m0s', 3_600_000],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDurationMs(text)).toBe(ms);
    expect(parseBackoffDuration(text)).toBe(ms);
  });

  it('reads a bare integer as seconds only for retry backoff, as Argo CD does', () => {
    expect(parseBackoffDuration('10')).toBe(10_000);
    expect(parseBackoffDuration(' 0 ')).toBe(0);
    expect(() => parseDurationMs('10')).toThrow(DurationError);
  });

  it.each(['', 'abc', '5d', '1h 30m', 'm5'])('backoff rejects %j', (text) => {
    expect(() => parseBackoffDuration(text)).toThrow(DurationError);
  });
});

describe('formatting like Go', () => {
  it('formats nanoseconds and milliseconds', () => {
    expect([5400_000, 5000, 0, 250, 1500, -61_000].map(formatDurationMs)).toEqual(['1h30m0s', '5s', '0s', '250ms', '1.5s', '-1m1s']);
    expect([1n, 1_500n, 2_000_000n].map(formatGoDuration)).toEqual(['1ns', '1.5µs', '2ms']);
  });
});
