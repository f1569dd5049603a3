/** Sprig's string functions. */
import { decodeUtf8, type FuncMap, goFunc, goTypeOf, type GoValue, quote as goQuote, sprintf } from '@fjord/go-template';
import { asList, strval } from './cast';
import { camelCaseToLowerCase, pascalCase } from './xstrings-case';
import { goLower, goUpper, isGoSpace, lowerRune, titleRune, upperRune } from './unicase';

const enc = new TextEncoder();

/** Byte-based slicing, as Go slices strings. */
export function byteSlice(s: string, start: number, end?: number): string {
  return decodeUtf8(enc.encode(s).slice(start, end));
}
const byteLen = (s: string): number => enc.encode(s).length;

/** Go's strings.Title: upper-cases the first letter of each word (words split at non-letters/digits). */
export function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const isSep = prev.charCodeAt(0) < 0x80 ? !/[A-Za-z0-9_]/.test(prev) : !/^[\p{L}\p{Nd}]$/u.test(prev) && isGoSpace(prev);
    out += isSep ? titleRune(ch) : ch;
    prev = ch;
  }
  return out;
}

/** strings.Trim(s, cutset). */
export function trimCutset(s: string, cutset: string, left = true, right = true): string {
  const set = new Set(cutset);
  const chars = [...s];
  let i = 0;
  let j = chars.length;
  if (left) while (i < j && set.has(chars[i])) i++;
  if (right) while (j > i && set.has(chars[j - 1])) j--;
  return chars.slice(i, j).join('');
}

/** strings.TrimSpace (Unicode white space). */
export const trimSpace = (s: string): string => s.replace(/^[\s\u0085]+|[\s\u0085]+$/g, '');

/** strslice: a list of strings (nil elements dropped). */
export function toStrings(v: GoValue): string[] {
  if (goTypeOf(v) === '[]string') return v as string[];
  const list = asList(v);
  if (list) return list.filter((x) => x !== null && x !== undefined).map(strval);
  if (v === null || v === undefined) return [];
  return [strval(v)];
}

/** goutils.Abbreviate(s, maxWidth) with offset 0. */
/** goutils.Abbreviate. */
function abbreviate(s: string, width: number): string {
  return decodeUtf8(abbreviateBytes(enc.encode(s), 0, width));
}

/**
 * goutils.AbbreviateFull over bytes, as Go slices strings (an abbreviation can cut a character; its bytes then read
 * as U+FFFD each); an error (a width under 4, or under 7 with an offset) gives "" as Sprig ignores it.
 */
function abbreviateBytes(str: Uint8Array, offset: number, maxWidth: number): Uint8Array {
  const marker = enc.encode('...');
  const len = str.length;
  if (len === 0 || maxWidth < 4) return new Uint8Array();
  if (len <= maxWidth) return str;
  if (offset > len) offset = len;
  if (len - offset < maxWidth - 3) offset = len - (maxWidth - 3);
  if (offset <= 4) return concatBytes(str.subarray(0, maxWidth - 3), marker);
  if (maxWidth < 7) return new Uint8Array();
  if (offset + maxWidth - 3 < len) return concatBytes(marker, abbreviateBytes(str.subarray(offset), 0, maxWidth - 3));
  return concatBytes(marker, str.subarray(len - (maxWidth - 3)));
}

const concatBytes = (a: Uint8Array, b: Uint8Array): Uint8Array => {
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
};

/**
 * goutils.Initials: the first byte of each word, read byte by byte as Latin-1 runes (so a non-ASCII initial comes
 * out as its first UTF-8 byte, and the bytes 0x85 and 0xA0 inside a character count as spaces), as Go does.
 */
function initials(s: string): string {
  let out = '';
  let gap = true;
  for (const b of new TextEncoder().encode(s)) {
    const ch = String.fromCharCode(b);
    if (isGoSpace(ch)) gap = true;
    else if (gap) {
      out += ch;
      gap = false;
    }
  }
  return out;
}

/** goutils.Wrap (WrapCustom with wrapLongWords=false for wrap, true for wrapWith). */
function wrapCustom(str: string, width: number, sep: string, wrapLong: boolean): string {
  if (width < 1) width = 1;
  const lines = str.split('\n');
  return lines
    .map((line) => {
      const out: string[] = [];
      let rest = line;
      while ([...rest].length > width) {
        const chars = [...rest];
        if (chars[0] === ' ') {
          rest = chars.slice(1).join('');
          continue;
        }
        const head = chars.slice(0, width + 1).join('');
        let at = head.lastIndexOf(' ');
        if (at > 0) {
          out.push(rest.slice(0, at));
          rest = rest.slice(at + 1);
        } else if (wrapLong) {
          out.push(chars.slice(0, width).join(''));
          rest = chars.slice(width).join('');
        } else {
          at = rest.indexOf(' ', width);
          if (at < 0) break;
          out.push(rest.slice(0, at));
          rest = rest.slice(at + 1);
        }
      }
      out.push(rest);
      return out.join(sep);
    })
    .join('\n');
}

/** xstrings.ToSnakeCase. */
export const snakecase = (s: string): string => camelCaseToLowerCase(s, '_');
/** xstrings.ToKebabCase. */
export const kebabcase = (s: string): string => camelCaseToLowerCase(s, '-');
/** xstrings.ToPascalCase (Sprig's camelcase). */
export const camelcase = pascalCase;

/**
 * goutils.DeleteWhiteSpace: drops the bytes that are spaces read as Latin-1 runes; when it drops any, the other bytes
 * come out as Latin-1 runes too (so non-ASCII text is mangled exactly as in Go).
 */
function nospace(s: string): string {
  const bytes = new TextEncoder().encode(s);
  const kept = [...bytes].filter((b) => !isGoSpace(String.fromCharCode(b)));
  return kept.length === bytes.length ? s : String.fromCharCode(...kept);
}

/** goutils.Uncapitalize: the first rune after each space lower-cased. */
function untitle(s: string): string {
  let space = true;
  return [...s]
    .map((ch) => {
      const out = space ? lowerRune(ch) : ch;
      space = isGoSpace(ch);
      return out;
    })
    .join('');
}

/** goutils.SwapCase. */
/** goutils.SwapCase: upper and title case to lower; lower case to upper, or to title case after a space. */
function swapcase(s: string): string {
  let space = true;
  return [...s]
    .map((ch) => {
      if (/^[\p{Lu}\p{Lt}]$/u.test(ch)) [ch, space] = [lowerRune(ch), false];
      else if (/^\p{Ll}$/u.test(ch)) [ch, space] = [space ? titleRune(ch) : upperRune(ch), false];
      else space = isGoSpace(ch);
      return ch;
    })
    .join('');
}

/** Sprig's substring: byte offsets, with Go's slice-bounds panics where Go's slicing would panic. */
function substring(start: number, end: number, s: string): string {
  const len = byteLen(s);
  const bounds = (what: string): Error => new Error(`runtime error: slice bounds out of range ${what}`);
  if (start < 0) {
    if (end < 0) throw bounds(`[:${end}]`);
    if (end > len) throw bounds(`[:${end}] with length ${len}`);
    return byteSlice(s, 0, end);
  }
  if (end < 0 || end > len) {
    if (start > len) throw bounds(`[${start}:${len}]`);
    return byteSlice(s, start);
  }
  if (start > end) throw bounds(`[${start}:${end}]`);
  return byteSlice(s, start, end);
}

/** Go's strings.Repeat, which panics on a negative count. */
function goRepeat(s: string, n: bigint): string {
  if (n < 0n) throw new Error('strings: negative Repeat count');
  return s.repeat(Number(n));
}

/** Sprig's indent: every line prefixed with n spaces (strings.Repeat, so a negative n fails). */
function indent(n: bigint, s: string): string {
  const pad = goRepeat(' ', n);
  return pad + s.replace(/\n/g, '\n' + pad);
}

/** The string functions by name. */
export const stringFuncs: FuncMap = {
  abbrev: goFunc('func(int, string) string', (w: bigint, s: string) => (Number(w) < 4 ? s : abbreviate(s, Number(w)))),
  abbrevboth: goFunc('func(int, int, string) string', (l: bigint, r: bigint, s: string) =>
    Number(r) < 4 || (Number(l) > 0 && Number(r) < 7) ? s : decodeUtf8(abbreviateBytes(enc.encode(s), Number(l), Number(r))),
  ),
  trunc: goFunc('func(int, string) string', (c: bigint, s: string) => {
    const n = Number(c);
    const len = byteLen(s);
    if (n < 0 && len + n > 0) return byteSlice(s, len + n);
    if (n >= 0 && len > n) return byteSlice(s, 0, n);
    return s;
  }),
  trim: goFunc('func(string) string', trimSpace),
  upper: goFunc('func(string) string', goUpper),
  lower: goFunc('func(string) string', goLower),
  title: goFunc('func(string) string', title),
  untitle: goFunc('func(string) string', untitle),
  substr: goFunc('func(int, int, string) string', (a: bigint, b: bigint, s: string) => substring(Number(a), Number(b), s)),
  repeat: goFunc('func(int, string) string', (n: bigint, s: string) => goRepeat(s, n)),
  trimall: goFunc('func(string, string) string', (a: string, b: string) => trimCutset(b, a)),
  trimAll: goFunc('func(string, string) string', (a: string, b: string) => trimCutset(b, a)),
  trimSuffix: goFunc('func(string, string) string', (a: string, b: string) => (a && b.endsWith(a) ? b.slice(0, b.length - a.length) : b)),
  trimPrefix: goFunc('func(string, string) string', (a: string, b: string) => (b.startsWith(a) ? b.slice(a.length) : b)),
  nospace: goFunc('func(string) string', nospace),
  initials: goFunc('func(string) string', initials),
  swapcase: goFunc('func(string) string', swapcase),
  snakecase: goFunc('func(string) string', snakecase),
  camelcase: goFunc('func(string) string', camelcase),
  kebabcase: goFunc('func(string) string', kebabcase),
  wrap: goFunc('func(int, string) string', (l: bigint, s: string) => wrapCustom(s, Number(l), '\n', false)),
  wrapWith: goFunc('func(int, string, string) string', (l: bigint, sep: string, s: string) => wrapCustom(s, Number(l), sep, true)),
  contains: goFunc('func(string, string) bool', (sub: string, s: string) => s.includes(sub)),
  hasPrefix: goFunc('func(string, string) bool', (p: string, s: string) => s.startsWith(p)),
  hasSuffix: goFunc('func(string, string) bool', (p: string, s: string) => s.endsWith(p)),
  quote: goFunc('func(...interface {}) string', (...v: GoValue[]) =>
    v
      .filter((x) => x !== null && x !== undefined)
      .map((x) => goQuote(strval(x)))
      .join(' '),
  ),
  squote: goFunc('func(...interface {}) string', (...v: GoValue[]) =>
    v
      .filter((x) => x !== null && x !== undefined)
      .map((x) => sprintf("'%v'", [x]))
      .join(' '),
  ),
  cat: goFunc('func(...interface {}) string', (...v: GoValue[]) => {
    const kept = v.filter((x) => x !== null && x !== undefined);
    return sprintf(kept.map(() => '%v').join(' '), kept);
  }),
  indent: goFunc('func(int, string) string', (n: bigint, s: string) => indent(n, s)),
  nindent: goFunc('func(int, string) string', (n: bigint, s: string) => '\n' + indent(n, s)),
  replace: goFunc('func(string, string, string) string', (o: string, n: string, s: string) => replaceAll(s, o, n)),
  plural: goFunc('func(string, string, int) string', (one: string, many: string, c: bigint) => (c === 1n ? one : many)),
  toString: goFunc('func(interface {}) string', strval),
  toStrings: goFunc('func(interface {}) []string', toStrings),
  join: goFunc('func(string, interface {}) string', (sep: string, v: GoValue) => toStrings(v).join(sep)),
  split: goFunc('func(string, string) map[string]string', (sep: string, s: string) => Object.fromEntries(goSplit(s, sep, -1).map((p, i) => [`_${i}`, p]))),
  splitList: goFunc('func(string, string) []string', (sep: string, s: string) => goSplit(s, sep, -1)),
  splitn: goFunc('func(string, int, string) map[string]string', (sep: string, n: bigint, s: string) =>
    Object.fromEntries(goSplit(s, sep, Number(n)).map((p, i) => [`_${i}`, p])),
  ),
  sortAlpha: goFunc('func(interface {}) []string', (v: GoValue) => {
    if (Array.isArray(v) || v instanceof Uint8Array) return [...toStrings(v)].sort(byBytes);
    return [strval(v)];
  }),
};

/** strings.Replace(s, old, new, -1), including Go's behaviour for an empty `old`. */
export function replaceAll(s: string, old: string, repl: string): string {
  if (old === '') {
    const chars = [...s];
    return repl + chars.map((c) => c + repl).join('');
  }
  return s.split(old).join(repl);
}

/** strings.SplitN (n < 0: all); an empty separator splits into runes. */
export function goSplit(s: string, sep: string, n: number): string[] {
  if (n === 0) return [];
  if (sep === '') {
    const chars = [...s];
    if (n < 0 || n >= chars.length) return chars;
    return [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
  }
  const parts = s.split(sep);
  if (n < 0 || parts.length <= n) return parts;
  return [...parts.slice(0, n - 1), parts.slice(n - 1).join(sep)];
}

/** Byte-wise string order (Go's sort.Strings). */
export function byBytes(a: string, b: string): number {
  const x = enc.encode(a);
  const y = enc.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i] - y[i];
  return x.length - y.length;
}
