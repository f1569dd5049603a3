import { DurationError, formatDuration, parseDuration } from './duration';

describe('parseDuration', () => {
  it.each([
    ['5s', 5000],
    ['3m', 180_000],
    ['1h30m', 5_400_000],
    ['1.5h', 5_400_000],
    ['300ms', 300],
    ['2m3.5s', 123_500],
    ['-2m', -120_000],
    ['10', 10_000],
    ['0', 0],
    ['1h0m0s', 3_600_000],
  ])('%s → %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', 'abc', '5d', '1h 30m', 'm5'])('rejects %j', (text) => {
    expect(() => parseDuration(text)).toThrow(DurationError);
  });

  it('formats like Go', () => {
    expect([5400_000, 5000, 0, 250].map(formatDuration)).toEqual(['1h30m0s', '5s', '0s', '250ms']);
  });
});
