/** Go's fmt package over the value model: Sprint, Sprintln and Sprintf with Go's verbs, flags and error forms. */
import { formatFloatBinary, formatFloatHex } from './float-bits';
import { canBackquote, formatFloat, isPrint, quote, quoteRuneLiteral } from './strconv';
import { decodeUtf8 } from './utf8';
import { GoComplex, GoInt, GoStruct, goTypeOf, intOf, isGoInt, isGoMap, isUnsigned, sortedKeys, type GoValue } from './values';

interface Spec {
  plus: boolean;
  minus: boolean;
  sharp: boolean;
  space: boolean;
  zero: boolean;
  /** %+v: field names, no sign. */
  plusV?: boolean;
  /** %#v: Go syntax. */
  sharpV?: boolean;
  width?: number;
  prec?: number;
}

const plain = (): Spec => ({ plus: false, minus: false, sharp: false, space: false, zero: false });

const runeLen = (s: string): number => {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0xd800 || c > 0xdbff) n++;
  }
  return n;
};

function pad(s: string, f: Spec, zeroOk = true): string {
  if (f.width === undefined) return s;
  const n = f.width - runeLen(s);
  if (n <= 0) return s;
  if (f.minus) return s + ' '.repeat(n);
  return (f.zero && zeroOk ? '0' : ' ').repeat(n) + s;
}

/** The type string shown in %T and in %!verb(type=value) forms; `<nil>` for nil. */
export function typeString(v: GoValue): string {
  return goTypeOf(v) ?? '<nil>';
}

/** `%!verb(type=value)`: the value printed with %v under the same flags and width (fmt's badVerb). */
function badVerb(v: GoValue, verb: string, f: Spec): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeString(v)}=${formatValue(v, 'v', { ...f, sharpV: false, plusV: false }, 0)})`;
}

function fmtInteger(n: bigint, unsigned: boolean, verb: string, f: Spec, v: GoValue): string {
  let base = 10;
  switch (verb) {
    case 'v':
    case 'd':
      break;
    case 'b':
      base = 2;
      break;
    case 'o':
    case 'O':
      base = 8;
      break;
    case 'x':
    case 'X':
      base = 16;
      break;
    case 'c':
      return pad(String.fromCodePoint(Number(n) >= 0 && Number(n) <= 0x10ffff ? Number(n) : 0xfffd), f);
    case 'q':
      return pad(quoteRuneLiteral(Number(n), f.plus), f);
    case 'U': {
      // fmt reads the integer as a uint64 (a negative one wraps) and adds the character only when printable.
      const u64 = BigInt.asUintN(64, n);
      const u = `U+${u64.toString(16).toUpperCase().padStart(4, '0')}`;
      return pad(f.sharp && u64 <= 0x10ffffn && isPrint(Number(u64)) ? `${u} '${String.fromCodePoint(Number(u64))}'` : u, f);
    }
    default:
      return badVerb(v, verb, f);
  }
  const neg = n < 0n;
  let digits = (neg ? -n : n).toString(base);
  if (verb === 'X') digits = digits.toUpperCase();
  if (f.prec !== undefined) {
    if (f.prec === 0 && n === 0n) return pad('', f, false);
    digits = digits.padStart(f.prec, '0');
  } else if (f.zero && !f.minus && f.width !== undefined) {
    const signLen = neg || f.plus || f.space ? 1 : 0;
    let prefixLen = 0;
    if (f.sharp && base === 16) prefixLen = 2;
    digits = digits.padStart(f.width - signLen - prefixLen, '0');
  }
  if (f.sharp) {
    if (base === 8 && digits[0] !== '0') digits = '0' + digits;
    if (base === 16) digits = (verb === 'X' ? '0X' : '0x') + digits;
    if (base === 2) digits = '0b' + digits;
  }
  if (verb === 'O') digits = '0o' + digits;
  const sign = neg ? '-' : f.plus ? '+' : f.space ? ' ' : '';
  void unsigned;
  return pad(sign + digits, f, false);
}

function fmtFloatVerb(x: number, verb: string, f: Spec, v: GoValue): string {
  let prec: number;
  switch (verb) {
    case 'v':
    case 'g':
    case 'G':
    case 'x':
    case 'X':
    case 'b':
      prec = -1;
      break;
    case 'e':
    case 'E':
    case 'f':
    case 'F':
      prec = 6;
      break;
    default:
      return badVerb(v, verb, f);
  }
  if (f.prec !== undefined) prec = f.prec;
  let num: string;
  if (verb === 'b') num = formatFloatBinary(x);
  else if (verb === 'x' || verb === 'X') num = Number.isFinite(x) ? formatFloatHex(x, verb, prec) : formatFloat(x, 'g', -1);
  else num = formatFloat(x, verb === 'v' ? 'g' : verb === 'F' ? 'f' : (verb as 'e' | 'E' | 'f' | 'g' | 'G'), prec);
  if (num === 'NaN' || num.endsWith('Inf')) {
    if (num === 'NaN' && (f.plus || f.space)) num = (f.plus ? '+' : ' ') + num;
    // fmt keeps the sign of +Inf (unlike a positive number's), unless the space flag asks for a space.
    else if (num === '+Inf' && f.space && !f.plus) num = ' Inf';
    return pad(num, { ...f, zero: false });
  }
  let sign = '';
  if (num[0] === '-') {
    sign = '-';
    num = num.slice(1);
  } else if (f.plus) sign = '+';
  else if (f.space) sign = ' ';
  if (f.sharp && verb !== 'b') num = sharpFloat(num, verb, prec);
  if (f.zero && !f.minus && f.width !== undefined) return sign + num.padStart(f.width - sign.length, '0');
  return pad(sign + num, f);
}

/**
 * The # flag on a float (fmt.fmtFloat): always a decimal point, and for %g, %G, %v and %x trailing zeros up to the
 * precision (6 by default) counted in significant digits, as Go counts them (the `x` of `0x` counts too).
 */
function sharpFloat(unsigned: string, verb: string, prec: number): string {
  let num = unsigned;
  let digits = 'vgGx'.includes(verb) ? (prec === -1 ? 6 : prec) : 0;
  let tail = '';
  let hasPoint = false;
  let sawNonzero = false;
  for (let i = 0; i < num.length; i++) {
    const c = num[i];
    if (c === '.') hasPoint = true;
    else if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
      tail = num.slice(i);
      num = num.slice(0, i);
      break;
    } else {
      sawNonzero ||= c !== '0';
      if (sawNonzero) digits--;
    }
  }
  if (!hasPoint) {
    if (num === '0') digits--;
    num += '.';
  }
  return num + '0'.repeat(Math.max(digits, 0)) + tail;
}

/** fmt's fmtComplex: each part formatted as a float with the verb, the imaginary one always signed. */
function fmtComplex(c: GoComplex, verb: string, f: Spec): string {
  if (!'vbgGxXfFeE'.includes(verb)) return badVerb(c, verb, f);
  return `(${fmtFloatVerb(c.real, verb, f, c)}${fmtFloatVerb(c.imag, verb, { ...f, plus: true }, c)}i)`;
}

function fmtString(s: string, verb: string, f: Spec, v: GoValue): string {
  if (f.prec !== undefined && verb !== 'x' && verb !== 'X') s = [...s].slice(0, f.prec).join('');
  switch (verb) {
    case 'v':
      if (f.sharpV) return pad(quote(s), f);
      return pad(s, f);
    case 's':
      return pad(s, f);
    case 'q':
      if (f.sharp && canBackquote(s)) return pad('`' + s + '`', f);
      return pad(quote(s, f.plus), f);
    case 'x':
    case 'X':
      return pad(hexBytes(new TextEncoder().encode(s), verb, f), f);
    default:
      return badVerb(v, verb, f);
  }
}

function hexBytes(bytes: Uint8Array, verb: string, f: Spec): string {
  const n = f.prec !== undefined ? Math.min(f.prec, bytes.length) : bytes.length;
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    let h = bytes[i].toString(16).padStart(2, '0');
    if (verb === 'X') h = h.toUpperCase();
    if (f.sharp && (f.space || i === 0)) h = (verb === 'X' ? '0X' : '0x') + h;
    parts.push(h);
  }
  return parts.join(f.space ? ' ' : '');
}

function fmtBytes(b: Uint8Array, verb: string, f: Spec, depth: number): string {
  switch (verb) {
    case 's':
      return fmtString(decodeUtf8(b), 's', f, b);
    case 'q':
      return fmtString(decodeUtf8(b), 'q', f, b);
    case 'x':
    case 'X':
      return pad(hexBytes(b, verb, f), f);
    case 'v':
    case 'd':
      return `[${Array.from(b, (x) => fmtInteger(BigInt(x), true, verb, f, x)).join(' ')}]`;
  }
  void depth;
  return badVerb(b, verb, f);
}

/** time.Time's String (what %v prints): `2006-01-02 15:04:05.999999999 -0700 MST`, in UTC or the local zone. */
function timeString(t: Date): string {
  const offset = -t.getTimezoneOffset();
  const local = new Date(t.getTime() + offset * 60_000);
  const [date, clock] = local.toISOString().slice(0, -1).split('T');
  const [hms, frac] = clock.split('.');
  const fraction = frac.replace(/0+$/, '');
  const sign = offset < 0 ? '-' : '+';
  const hhmm = `${String(Math.floor(Math.abs(offset) / 60)).padStart(2, '0')}${String(Math.abs(offset) % 60).padStart(2, '0')}`;
  const zone =
    offset === 0 ? 'UTC' : (new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(t).find((p) => p.type === 'timeZoneName')?.value ?? '');
  return `${date} ${hms}${fraction ? `.${fraction}` : ''} ${sign}${hhmm} ${zone}`;
}

/** Formats one value with a verb, as fmt's printArg does. */
export function formatValue(v: GoValue, verb: string, f: Spec, depth: number): string {
  if (v === null || v === undefined) {
    // Inside a map or slice, fmt writes a nil interface as <nil> whatever the verb and width (printValue).
    if (depth > 0) return '<nil>';
    if (verb === 'T' || verb === 'v') return pad('<nil>', f);
    return badVerb(v, verb, f);
  }
  if (verb === 'T') return fmtString(typeString(v), 's', f, v);
  if (typeof v === 'boolean') return verb === 't' || verb === 'v' ? pad(String(v), f) : badVerb(v, verb, f);
  if (typeof v === 'number') return fmtFloatVerb(v, verb, f, v);
  if (v instanceof GoComplex) return fmtComplex(v, verb, f);
  if (isGoInt(v)) return fmtInteger(intOf(v), isUnsigned(v), verb, f, v);
  if (typeof v === 'string') return fmtString(v, verb, f, v);
  if (v instanceof Uint8Array) return fmtBytes(v, verb, f, depth);
  if (v instanceof GoStruct) return fmtStruct(v, verb, f, depth);
  if (v instanceof Error && 'vsqxX'.includes(verb)) return fmtString(v.message, verb === 'v' ? 's' : verb, f, v.message);
  if (Array.isArray(v)) {
    if (f.sharpV) return `${typeString(v)}{${v.map((e) => formatValue(e, verb, f, depth + 1)).join(', ')}}`;
    return `[${v.map((e) => formatValue(e, verb, f, depth + 1)).join(' ')}]`;
  }
  if (typeof v === 'function') return verb === 'v' || verb === 'p' ? '0xfunc' : badVerb(v, verb, f);
  if (v instanceof Date) return fmtString(timeString(v), verb, f, v);
  if (isGoMap(v)) {
    const parts = sortedKeys(v).map((k) => `${formatValue(k, verb, f, depth + 1)}:${formatValue(v[k], verb, f, depth + 1)}`);
    if (f.sharpV) return `${typeString(v)}{${parts.join(', ')}}`;
    return `map[${parts.join(' ')}]`;
  }
  return badVerb(v, verb, f);
}

function fmtStruct(v: GoStruct, verb: string, f: Spec, depth: number): string {
  if (v.stringer && 'vsqxX'.includes(verb) && !f.sharpV) return fmtString(v.stringer(), verb === 'v' ? 's' : verb, f, v);
  const fields = Object.entries(v.fields).map(([k, x]) => (f.plusV || f.sharpV ? `${k}:` : '') + formatValue(x, verb, f, depth + 1));
  const body = `{${fields.join(f.sharpV ? ', ' : ' ')}}`;
  if (v.typeName.startsWith('*')) return depth === 0 ? `&${body}` : '0xc000000000';
  return body;
}

const isStringArg = (v: GoValue): boolean => typeof v === 'string';

/** fmt.Sprint: operands formatted with %v, spaces added between operands when neither is a string. */
export function sprint(args: GoValue[]): string {
  let out = '';
  args.forEach((a, i) => {
    if (i > 0 && !isStringArg(a) && !isStringArg(args[i - 1])) out += ' ';
    out += formatValue(a, 'v', plain(), 0);
  });
  return out;
}

/** fmt.Sprintln: operands formatted with %v, always separated by spaces, with a newline. */
export function sprintln(args: GoValue[]): string {
  return args.map((a) => formatValue(a, 'v', plain(), 0)).join(' ') + '\n';
}

function asInt(v: GoValue): number | undefined {
  if (isGoInt(v)) return Number(intOf(v));
  return undefined;
}

/**
 * fmt's parsenum: the decimal number at `start` (undefined when there is none; null when it is too large, which
 * makes Go give up on the rest of the format).
 */
function parsenum(s: string, start: number, end: number): { num: number; end: number } | undefined | null {
  let num = 0;
  let i = start;
  for (; i < end && s[i] >= '0' && s[i] <= '9'; i++) {
    if (num > 1e6) return null;
    num = num * 10 + Number(s[i]);
  }
  return i === start ? undefined : { num, end: i };
}

/** fmt.Sprintf with Go's verbs, flags, width/precision (`*` too), argument indexes and error forms. */
export function sprintf(format: string, args: GoValue[]): string {
  let out = '';
  let argNum = 0;
  let reordered = false;
  let i = 0;
  while (i < format.length) {
    const pct = format.indexOf('%', i);
    if (pct < 0) {
      out += format.slice(i);
      break;
    }
    out += format.slice(i, pct);
    i = pct + 1;
    const f = plain();
    for (; i < format.length; i++) {
      const c = format[i];
      if (c === '#') f.sharp = true;
      else if (c === '0') f.zero = !f.minus;
      else if (c === '+') f.plus = true;
      else if (c === '-') {
        f.minus = true;
        f.zero = false;
      } else if (c === ' ') f.space = true;
      else break;
    }
    // Argument indexes, width and precision, read as fmt's doPrintf reads them.
    let goodArgNum = true;
    let afterIndex = false;
    const argNumber = (): void => {
      afterIndex = false;
      if (format[i] !== '[') return;
      reordered = true;
      const close = format.indexOf(']', i + 1);
      const n = close < 0 ? undefined : parsenum(format, i + 1, close);
      if (close < 0 || format.length - i < 3) {
        i += 1;
        goodArgNum = false;
        return;
      }
      const index = n && n.end === close ? n.num - 1 : undefined;
      i = close + 1;
      if (index !== undefined && index >= 0 && index < args.length) [argNum, afterIndex] = [index, true];
      else [goodArgNum, afterIndex] = [false, index !== undefined];
    };
    const intFromArg = (): number | undefined => {
      if (argNum >= args.length) return undefined;
      const n = asInt(args[argNum++]);
      return n === undefined || n > 1e6 || n < -1e6 ? undefined : n;
    };
    argNumber();
    if (format[i] === '*') {
      i++;
      const w = intFromArg();
      if (w === undefined) out += '%!(BADWIDTH)';
      else {
        f.width = Math.abs(w);
        if (w < 0) [f.minus, f.zero] = [true, false];
      }
      afterIndex = false;
    } else {
      const n = parsenum(format, i, format.length);
      if (n) [f.width, i] = [n.num, n.end];
      else if (n === null) i = format.length;
      if (afterIndex && f.width !== undefined) goodArgNum = false;
    }
    if (i + 1 < format.length && format[i] === '.') {
      i++;
      if (afterIndex) goodArgNum = false;
      argNumber();
      if (format[i] === '*') {
        i++;
        const p = intFromArg();
        if (p === undefined || p < 0) out += '%!(BADPREC)';
        else f.prec = p;
        afterIndex = false;
      } else {
        const n = parsenum(format, i, format.length);
        if (n === null) i = format.length;
        else [f.prec, i] = n ? [n.num, n.end] : [0, i];
      }
    }
    if (!afterIndex) argNumber();
    if (i >= format.length) {
      out += '%!(NOVERB)';
      break;
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (!goodArgNum) {
      out += `%!${verb}(BADINDEX)`;
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    const arg = args[argNum++];
    if (verb === 'v') {
      if (f.plus) [f.plus, f.plusV] = [false, true];
      if (f.sharp) [f.sharp, f.sharpV] = [false, true];
    }
    if (verb === 'w') out += formatValue(arg, 'v', f, 0);
    else out += formatValue(arg, verb, f, 0);
  }
  if (!reordered && argNum < args.length) {
    out +=
      '%!(EXTRA ' +
      args
        .slice(argNum)
        .map((a) => (a === null || a === undefined ? '<nil>' : `${typeString(a)}=${formatValue(a, 'v', plain(), 0)}`))
        .join(', ') +
      ')';
  }
  return out;
}

/** Formats a GoInt or bigint like %d (handy for callers). */
export function formatInt(v: bigint | GoInt): string {
  return intOf(v).toString();
}
