/** Sprig's date functions over JS Dates (Go's time.Time): Go layouts, durations, unix times. */
import { formatGoDuration as durationString, parseGoDuration as parseDuration } from '@fjord/argo';
import { GoInt, goFunc, intOf, type FuncMap, type GoValue } from '@fjord/go-template';

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const p2 = (n: number): string => String(n).padStart(2, '0');

/** Broken-down time in a zone given as a fixed offset in minutes east of UTC. */
function fields(t: Date, offsetMin: number) {
  const d = new Date(t.getTime() + offsetMin * 60000);
  return {
    y: d.getUTCFullYear(),
    mo: d.getUTCMonth(),
    d: d.getUTCDate(),
    h: d.getUTCHours(),
    mi: d.getUTCMinutes(),
    s: d.getUTCSeconds(),
    ms: d.getUTCMilliseconds(),
    wd: d.getUTCDay(),
  };
}

const layoutTokens = [
  'January',
  'Jan',
  'Monday',
  'Mon',
  '2006',
  '06',
  '01',
  '1',
  '02',
  '_2',
  '2',
  '__2',
  '002',
  '15',
  '03',
  '3',
  '04',
  '4',
  '05',
  '5',
  'PM',
  'pm',
  'MST',
  'Z070000',
  'Z0700',
  'Z07:00:00',
  'Z07:00',
  'Z07',
  '-070000',
  '-0700',
  '-07:00:00',
  '-07:00',
  '-07',
  '.000000000',
  '.000000',
  '.000',
  '.999999999',
  '.999999',
  '.999',
  ',000',
  ',999',
].sort((a, b) => b.length - a.length);

/** The broken-down time being formatted, with its zone's name and offset writer. */
type Formatting = ReturnType<typeof fields> & { zone: string; offset: (sep: string, z: boolean) => string };

/** What each layout element writes; the others (fractions of a second, and elements Fjord does not write) go to {@link formatGoTime}. */
const layoutElements: Record<string, (f: Formatting) => string> = {
  January: (f) => MONTHS[f.mo],
  Jan: (f) => MONTHS[f.mo].slice(0, 3),
  Monday: (f) => DAYS[f.wd],
  Mon: (f) => DAYS[f.wd].slice(0, 3),
  '2006': (f) => String(f.y).padStart(4, '0'),
  '06': (f) => p2(f.y % 100),
  '01': (f) => p2(f.mo + 1),
  '1': (f) => String(f.mo + 1),
  '02': (f) => p2(f.d),
  _2: (f) => String(f.d).padStart(2, ' '),
  '2': (f) => String(f.d),
  '15': (f) => p2(f.h),
  '03': (f) => p2(f.h % 12 || 12),
  '3': (f) => String(f.h % 12 || 12),
  '04': (f) => p2(f.mi),
  '4': (f) => String(f.mi),
  '05': (f) => p2(f.s),
  '5': (f) => String(f.s),
  PM: (f) => (f.h >= 12 ? 'PM' : 'AM'),
  pm: (f) => (f.h >= 12 ? 'pm' : 'am'),
  MST: (f) => f.zone,
  Z0700: (f) => f.offset('', true),
  '-0700': (f) => f.offset('', false),
  'Z07:00': (f) => f.offset(':', true),
  '-07:00': (f) => f.offset(':', false),
  Z07: (f) => f.offset('', true).slice(0, 3),
  '-07': (f) => f.offset('', false).slice(0, 3),
};

/** time.Time.Format with a Go layout, in a zone given by offset minutes and name. */
export function formatGoTime(t: Date, layout: string, offsetMin = 0, zone = 'UTC'): string {
  const offset = (sep: string, z: boolean): string => {
    if (z && offsetMin === 0) return 'Z';
    const a = Math.abs(offsetMin);
    return `${offsetMin < 0 ? '-' : '+'}${p2(Math.floor(a / 60))}${sep}${p2(a % 60)}`;
  };
  const f: Formatting = { ...fields(t, offsetMin), zone, offset };
  const frac = String(f.ms).padStart(3, '0') + '000000';
  let out = '';
  let i = 0;
  while (i < layout.length) {
    const tok = layoutTokens.find((k) => layout.startsWith(k, i));
    if (!tok) {
      out += layout[i++];
      continue;
    }
    i += tok.length;
    const element = layoutElements[tok];
    if (element) out += element(f);
    else if (/^[.,]0+$/.test(tok)) out += tok[0] + frac.slice(0, tok.length - 1);
    else if (/^[.,]9+$/.test(tok)) {
      const digits = frac.slice(0, tok.length - 1).replace(/0+$/, '');
      out += digits ? tok[0] + digits : '';
    } else out += tok;
  }
  return out;
}

/** A time argument as Sprig's date functions accept it (time.Time, int, int64, int32; anything else means now). */
function toTime(v: GoValue): Date {
  if (v instanceof Date) return v;
  if (typeof v === 'bigint' || (v instanceof GoInt && (v.type === 'int64' || v.type === 'int32'))) return new Date(Number(intOf(v as bigint | GoInt)) * 1000);
  return new Date();
}

/** A zone name as an offset: UTC and Local (taken as the process zone) are supported; others fall back to UTC. */
function zoneOffset(zone: string, t: Date): [number, string] {
  if (zone === 'Local') {
    const off = -t.getTimezoneOffset();
    return [off, off === 0 ? 'UTC' : formatGoTime(t, '-0700', off)];
  }
  return [0, 'UTC'];
}

function dateInZone(layout: string, v: GoValue, zone: string): string {
  const t = toTime(v);
  const [off, name] = zoneOffset(zone, t);
  return formatGoTime(t, layout, off, name);
}

/** Sprig's duration argument: only a string of digits or an int64 count; anything else is 0. */
const seconds = (v: GoValue): bigint => {
  if (v instanceof GoInt && v.type === 'int64') return v.value;
  if (typeof v === 'string') return /^[+-]?\d+$/.test(v) ? BigInt(v) : 0n;
  return 0n;
};

/**
 * Sprig's durationRound: a duration in nanoseconds from a Go duration string, an int64 (nanoseconds) or a time (since
 * then); any other type, Go ints and float64s included, is 0. The largest unit it strictly exceeds, rounded down.
 */
function durationRound(v: GoValue): string {
  let ns = 0n;
  if (typeof v === 'string') {
    try {
      ns = parseDuration(v);
    } catch {
      ns = 0n;
    }
  } else if (v instanceof GoInt && v.type === 'int64') ns = v.value;
  else if (v instanceof Date) ns = BigInt(Date.now() - v.getTime()) * 1000000n;
  const u = ns < 0n ? -ns : ns;
  const second = 1000000000n;
  const steps: [bigint, string][] = [
    [31536000n * second, 'y'],
    [2592000n * second, 'mo'],
    [86400n * second, 'd'],
    [3600n * second, 'h'],
    [60n * second, 'm'],
    [second, 's'],
  ];
  for (const [size, unit] of steps) if (u > size) return `${u / size}${unit}`;
  return '0s';
}

/** mustDateModify: the time moved by a Go duration (`-1.5h`); a bad duration is an error. */
const mustDateModify = (d: string, t: Date): Date => new Date(t.getTime() + Number(parseDuration(d) / 1000000n));

/** dateModify: as mustDateModify, but a bad duration leaves the time as it is (Sprig swallows the error). */
function dateModify(d: string, t: Date): Date {
  try {
    return mustDateModify(d, t);
  } catch {
    return t;
  }
}

/** The date functions by name. */
export const dateFuncs: FuncMap = {
  now: goFunc('func() time.Time', () => new Date()),
  date: goFunc('func(string, interface {}) string', (f: string, v: GoValue) => dateInZone(f, v, 'Local')),
  dateInZone: goFunc('func(string, interface {}, string) string', dateInZone),
  date_in_zone: goFunc('func(string, interface {}, string) string', dateInZone),
  htmlDate: goFunc('func(interface {}) string', (v: GoValue) => dateInZone('2006-01-02', v, 'Local')),
  htmlDateInZone: goFunc('func(interface {}, string) string', (v: GoValue, z: string) => dateInZone('2006-01-02', v, z)),
  unixEpoch: goFunc('func(time.Time) string', (t: Date) => String(Math.floor(t.getTime() / 1000))),
  dateModify: goFunc('func(string, time.Time) time.Time', dateModify),
  date_modify: goFunc('func(string, time.Time) time.Time', dateModify),
  mustDateModify: goFunc('func(string, time.Time) (time.Time, error)', mustDateModify),
  must_date_modify: goFunc('func(string, time.Time) (time.Time, error)', mustDateModify),
  ago: goFunc('func(interface {}) string', (v: GoValue) => durationString(BigInt(Math.round((Date.now() - toTime(v).getTime()) / 1000)) * 1000000000n)),
  duration: goFunc('func(interface {}) string', (v: GoValue) => durationString(seconds(v) * 1000000000n)),
  durationRound: goFunc('func(interface {}) string', durationRound),
  toDate: goFunc('func(string, string) time.Time', (layout: string, s: string) => parseGoTime(layout, s) ?? new Date(-62135596800000)),
  mustToDate: goFunc('func(string, string) (time.Time, error)', (layout: string, s: string) => {
    const t = parseGoTime(layout, s);
    if (!t) throw new Error(`parsing time ${JSON.stringify(s)} as ${JSON.stringify(layout)}: cannot parse`);
    return t;
  }),
};

/** time.ParseInLocation for the numeric layouts charts use (year, month, day, clock, fraction, offset). */
export function parseGoTime(layout: string, s: string): Date | undefined {
  const parts: Record<string, number> = { y: 1, mo: 1, d: 1, h: 0, mi: 0, s: 0, ms: 0, off: 0 };
  let re = '';
  const keys: string[] = [];
  let i = 0;
  while (i < layout.length) {
    const tok = layoutTokens.find((k) => layout.startsWith(k, i));
    if (!tok) {
      re += layout[i].replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      i++;
      continue;
    }
    i += tok.length;
    const map: Record<string, [string, string]> = {
      '2006': ['(\\d{4})', 'y'],
      '01': ['(\\d{2})', 'mo'],
      '1': ['(\\d{1,2})', 'mo'],
      '02': ['(\\d{2})', 'd'],
      '2': ['(\\d{1,2})', 'd'],
      '15': ['(\\d{2})', 'h'],
      '04': ['(\\d{2})', 'mi'],
      '05': ['(\\d{2})', 's'],
      'Z07:00': ['(Z|[+-]\\d{2}:\\d{2})', 'off'],
      '-07:00': ['([+-]\\d{2}:\\d{2})', 'off'],
      '-0700': ['([+-]\\d{4})', 'off'],
      MST: ['([A-Z]{3,4})', 'zone'],
    };
    const m = map[tok] ?? (/^\.[09]+$/.test(tok) ? ['(?:\\.(\\d+))?', 'frac'] : undefined);
    if (!m) return undefined;
    re += m[0];
    keys.push(m[1]);
  }
  const match = new RegExp(`^${re}$`).exec(s);
  if (!match) return undefined;
  keys.forEach((k, j) => {
    const v = match[j + 1];
    if (v === undefined) return;
    if (k === 'off') parts.off = v === 'Z' ? 0 : (v[0] === '-' ? -1 : 1) * (Number(v.slice(1, 3)) * 60 + Number(v.slice(-2)));
    else if (k === 'frac') parts.ms = Number((v + '000').slice(0, 3));
    else if (k !== 'zone') parts[k] = Number(v);
  });
  return new Date(Date.UTC(parts.y, parts.mo - 1, parts.d, parts.h, parts.mi, parts.s, parts.ms) - parts.off * 60000);
}
