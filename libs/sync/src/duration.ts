/** Milliseconds per Go duration unit. */
const unitMs: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** Thrown when a duration string is not a Go duration. */
export class DurationError extends Error {
  constructor(text: string) {
    super(`unable to parse ${JSON.stringify(text)} as a duration`);
    this.name = 'DurationError';
  }
}

/**
 * Parses a Go duration (`5s`, `3m`, `1h30m`, `1.5h`, `300ms`, `-2m`) into milliseconds. A bare integer is seconds, as
 * Argo CD reads `retry.backoff.duration`. Throws DurationError otherwise.
 */
export function parseDuration(text: string): number {
  const s = text.trim();
  if (/^[+-]?\d+$/.test(s)) return Number(s) * 1000;
  const m = /^([+-]?)((?:(?:\d+\.?\d*|\.\d+)(?:ns|us|µs|μs|ms|s|m|h))+)$/.exec(s);
  if (!m) {
    if (s === '0' || s === '+0' || s === '-0') return 0;
    throw new DurationError(text);
  }
  let total = 0;
  for (const part of m[2].matchAll(/(\d+\.?\d*|\.\d+)(ns|us|µs|μs|ms|s|m|h)/g)) total += Number(part[1]) * unitMs[part[2]];
  return m[1] === '-' ? -total : total;
}

/** Formats milliseconds as a Go duration string (`1h30m0s`, `5s`, `0s`). */
export function formatDuration(ms: number): string {
  if (ms === 0) return '0s';
  const sign = ms < 0 ? '-' : '';
  let rest = Math.abs(ms);
  if (rest < 1000) return `${sign}${rest}ms`;
  const h = Math.floor(rest / 3_600_000);
  rest -= h * 3_600_000;
  const m = Math.floor(rest / 60_000);
  rest -= m * 60_000;
  const s = rest / 1000;
  return `${sign}${h ? `${h}h` : ''}${h || m ? `${m}m` : ''}${s}s`;
}
