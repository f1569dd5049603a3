/** Go's fmt package over the value model: Sprint, Sprintln and Sprintf with Go's verbs, flags and error forms. */
import { canBackquote, formatFloat, quote, quoteRuneLiteral } from './strconv';
import { GoInt, GoStruct, goTypeOf, intOf, isGoInt, isGoMap, isUnsigned, sortedKeys, type GoValue } from './values';

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

function badVerb(v: GoValue, verb: string): string {
  if (v === null || v === undefined) return `%!${verb}(<nil>)`;
  return `%!${verb}(${typeString(v)}=${formatValue(v, 'v', plain(), 0)})`;
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
      const u = `U+${(n < 0n ? 0n : n).toString(16).toUpperCase().padStart(4, '0')}`;
      return pad(f.sharp && Number(n) <= 0x10ffff ? `${u} '${String.fromCodePoint(Number(n))}'` : u, f);
    }
    default:
      return badVerb(v, verb);
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
  let fmtc: 'e' | 'E' | 'f' | 'g' | 'G';
  let prec = -1;
  switch (verb) {
    case 'v':
      fmtc = 'g';
      break;
    case 'g':
    case 'G':
      fmtc = verb;
      break;
    case 'e':
    case 'E':
    case 'f':
      fmtc = verb;
      prec = 6;
      break;
    case 'F':
      fmtc = 'f';
      prec = 6;
      break;
    default:
      return badVerb(v, verb);
  }
  if (f.prec !== undefined) prec = f.prec;
  let num = formatFloat(x, fmtc, prec);
  if (num === 'NaN' || num.endsWith('Inf')) {
    if (num === 'NaN' && (f.plus || f.space)) num = (f.plus ? '+' : ' ') + num;
    else if (num === '+Inf' && !f.plus) num = f.space ? ' Inf' : 'Inf';
    return pad(num, { ...f, zero: false });
  }
  let sign = '';
  if (num[0] === '-') {
    sign = '-';
    num = num.slice(1);
  } else if (f.plus) sign = '+';
  else if (f.space) sign = ' ';
  if (f.sharp && !num.includes('.') && !/[eE]/.test(num)) num += '.';
  if (f.zero && !f.minus && f.width !== undefined) return sign + num.padStart(f.width - sign.length, '0');
  return pad(sign + num, f);
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
      return badVerb(v, verb);
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
      return fmtString(new TextDecoder().decode(b), 's', f, b);
    case 'q':
      return fmtString(new TextDecoder().decode(b), 'q', f, b);
    case 'x':
    case 'X':
      return pad(hexBytes(b, verb, f), f);
    case 'v':
    case 'd':
      return `[${Array.from(b, (x) => fmtInteger(BigInt(x), true, verb, f, x)).join(' ')}]`;
  }
  void depth;
  return badVerb(b, verb);
}

/** Formats one value with a verb, as fmt's printArg does. */
export function formatValue(v: GoValue, verb: string, f: Spec, depth: number): string {
  if (v === null || v === undefined) {
    if (verb === 'T' || verb === 'v') return pad('<nil>', f);
    return badVerb(v, verb);
  }
  if (verb === 'T') return pad(typeString(v), f);
  if (typeof v === 'boolean') return verb === 't' || verb === 'v' ? pad(String(v), f) : badVerb(v, verb);
  if (typeof v === 'number') return fmtFloatVerb(v, verb, f, v);
  if (isGoInt(v)) return fmtInteger(intOf(v), isUnsigned(v), verb, f, v);
  if (typeof v === 'string') return fmtString(v, verb, f, v);
  if (v instanceof Uint8Array) return fmtBytes(v, verb, f, depth);
  if (v instanceof GoStruct) return fmtStruct(v, verb, f, depth);
  if (v instanceof Error && 'vsqxX'.includes(verb)) return fmtString(v.message, verb === 'v' ? 's' : verb, f, v.message);
  if (Array.isArray(v)) {
    if (f.sharpV) return `${typeString(v)}{${v.map((e) => formatValue(e, verb, f, depth + 1)).join(', ')}}`;
    return `[${v.map((e) => formatValue(e, verb, f, depth + 1)).join(' ')}]`;
  }
  if (typeof v === 'function') return verb === 'v' || verb === 'p' ? '0xfunc' : badVerb(v, verb);
  if (v instanceof Date) return fmtString(v.toISOString(), verb, f, v);
  if (isGoMap(v)) {
    const parts = sortedKeys(v).map((k) => `${formatValue(k, verb, f, depth + 1)}:${formatValue(v[k], verb, f, depth + 1)}`);
    if (f.sharpV) return `${typeString(v)}{${parts.join(', ')}}`;
    return `map[${parts.join(' ')}]`;
  }
  return badVerb(v, verb);
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
    const readIndex = (): boolean => {
      const m = /^\[(\d+)\]/.exec(format.slice(i));
      if (!m) {
        if (format[i] === '[') {
          const close = format.indexOf(']', i);
          i = close < 0 ? format.length : close + 1;
          reordered = true;
          return false;
        }
        return true;
      }
      const n = Number(m[1]);
      i += m[0].length;
      reordered = true;
      if (n < 1 || n > args.length) return false;
      argNum = n - 1;
      return true;
    };
    let goodIndex = readIndex();
    if (format[i] === '*') {
      i++;
      const w = argNum < args.length ? asInt(args[argNum]) : undefined;
      argNum++;
      if (w === undefined || Math.abs(w) > 1e6) out += '%!(BADWIDTH)';
      else {
        f.width = Math.abs(w);
        if (w < 0) {
          f.minus = true;
          f.zero = false;
        }
      }
      goodIndex = readIndex() && goodIndex;
    } else {
      const m = /^\d+/.exec(format.slice(i));
      if (m) {
        f.width = Number(m[0]);
        i += m[0].length;
      }
    }
    if (format[i] === '.') {
      i++;
      goodIndex = readIndex() && goodIndex;
      if (format[i] === '*') {
        i++;
        const p = argNum < args.length ? asInt(args[argNum]) : undefined;
        argNum++;
        if (p === undefined || p < 0) out += '%!(BADPREC)';
        else f.prec = p;
        goodIndex = readIndex() && goodIndex;
      } else {
        const m = /^\d*/.exec(format.slice(i))!;
        f.prec = m[0] ? Number(m[0]) : 0;
        i += m[0].length;
      }
    }
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
    if (!goodIndex) {
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
