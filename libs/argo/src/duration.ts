/** Thrown when a string is not a Go duration; the message is Go's (`time: invalid duration "5d"`). */
export class DurationError extends Error {
  override name = 'DurationError';
  constructor(readonly text: string) {
    super(`time: invalid duration ${JSON.stringify(text)}`);
  }
}

/** Nanoseconds per Go duration unit (both spellings of the micro sign, as Go accepts). */
const unitNs: Readonly<Record<string, bigint>> = {
  ns: 1n,
  us: 1_000n,
  µs: 1_000n,
  μs: 1_000n,
  ms: 1_000_000n,
  s: 1_000_000_000n,
  m: 60_000_000_000n,
  h: 3_600_000_000_000n,
};
const MAX_NS = (1n << 63n) - 1n;
const DURATION = /^([+-]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/;
const PART = /(\d+)?(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/g;

/**
 * Parses a Go duration (`300ms`, `1h30m`, `1.5h`, `-2m`, `0`) exactly as time.ParseDuration does, into nanoseconds:
 * integer parts are exact, a fraction is truncated to the nanosecond, more than int64 nanoseconds is an error.
 * Throws DurationError.
 */
export function parseGoDuration(text: string): bigint {
  const m = DURATION.exec(text);
  if (!m) {
    if (/^[+-]?0$/.test(text)) return 0n;
    throw new DurationError(text);
  }
  let total = 0n;
  for (const [, whole, fraction, unit] of m[2].matchAll(PART)) {
    const scale = 10n ** BigInt(fraction?.length ?? 0);
    total += BigInt(whole ?? 0) * unitNs[unit] + (BigInt(fraction || 0) * unitNs[unit]) / scale;
    if (total > MAX_NS + (m[1] === '-' ? 1n : 0n)) throw new DurationError(text);
  }
  return m[1] === '-' ? -total : total;
}

/** A Go duration in milliseconds (fractions of a millisecond kept). Throws DurationError. */
export function parseDurationMs(text: string): number {
  return Number(parseGoDuration(text)) / 1e6;
}

/**
 * A `retry.backoff` duration as Argo CD reads it, in milliseconds: a bare integer is seconds, anything else a Go
 * duration (surrounding spaces ignored). Throws DurationError.
 */
export function parseBackoffDuration(text: string): number {
  const s = text.trim();
  if (/^[+-]?\d+$/.test(s)) return Number(s) * 1000;
  try {
    return parseDurationMs(s);
  } catch {
    throw new DurationError(text);
  }
}

/** Go's Duration.String for a number of nanoseconds (`1h30m0s`, `1.5s`, `250ms`, `0s`). */
export function formatGoDuration(ns: bigint): string {
  if (ns === 0n) return '0s';
  const sign = ns < 0n ? '-' : '';
  let u = ns < 0n ? -ns : ns;
  if (u < 1_000_000_000n) {
    const [div, unit] = (
      [
        [1_000_000n, 'ms'],
        [1_000n, 'µs'],
        [1n, 'ns'],
      ] as const
    ).find(([d]) => u >= d)!;
    const frac = (u % div)
      .toString()
      .padStart(div.toString().length - 1, '0')
      .replace(/0+$/, '');
    return `${sign}${u / div}${frac ? `.${frac}` : ''}${unit}`;
  }
  const frac = (u % 1_000_000_000n).toString().padStart(9, '0').replace(/0+$/, '');
  u /= 1_000_000_000n;
  let out = `${u % 60n}${frac ? `.${frac}` : ''}s`;
  u /= 60n;
  if (u > 0n) {
    out = `${u % 60n}m${out}`;
    u /= 60n;
    if (u > 0n) out = `${u}h${out}`;
  }
  return `${sign}${out}`;
}

/** Milliseconds as a Go duration string (`1h30m0s`, `5s`, `250ms`). */
export function formatDurationMs(ms: number): string {
  return formatGoDuration(BigInt(Math.round(ms * 1e6)));
}
