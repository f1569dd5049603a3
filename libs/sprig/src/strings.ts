/** Sprig's string functions. */
import { goFunc, goTypeOf, quote as goQuote, sprintf, type FuncMap, type GoValue } from '@fjord/go-template';
import { asList, strval } from './cast';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** Byte-based slicing, as Go slices strings. */
export function byteSlice(s: string, start: number, end?: number): string {
  return dec.decode(enc.encode(s).slice(start, end));
}
const byteLen = (s: string): number => enc.encode(s).length;

/** Go's strings.Title: upper-cases the first letter of each word (words split at non-letters/digits). */
export function title(s: string): string {
  let prev = ' ';
  let out = '';
  for (const ch of s) {
    const isSep = prev.charCodeAt(0) < 0x80 ? !/[A-Za-z0-9_]/.test(prev) : /\s/u.test(prev);
    out += isSep ? ch.toUpperCase() : ch;
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
function abbreviate(s: string, width: number): string {
  return abbreviateFull(s, 0, width);
}

function abbreviateFull(str: string, offset: number, maxWidth: number): string {
  const s = [...str];
  const marker = '...';
  if (maxWidth < 4 || s.length <= maxWidth) return str;
  if (offset > s.length) offset = s.length;
  if (s.length - offset < maxWidth - 3) offset = s.length - (maxWidth - 3);
  if (offset <= 4) return s.slice(0, maxWidth - 3).join('') + marker;
  if (maxWidth < 7) return str;
  if (offset + maxWidth - 3 < s.length) return marker + abbreviate(s.slice(offset).join(''), maxWidth - 3);
  return marker + s.slice(s.length - (maxWidth - 3)).join('');
}

/** goutils.Initials: first letter of each whitespace-separated word. */
function initials(s: string): string {
  return s
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => [...w][0])
    .join('');
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

/** xstrings word splitting for case conversion. */
function words(s: string): string[] {
  const out: string[] = [];
  for (const part of s.split(/[^\p{L}\p{Nd}]+/u).filter(Boolean)) {
    out.push(...(part.match(/\p{Lu}+(?=\p{Lu}\p{Ll})|\p{Lu}?\p{Ll}+|\p{Lu}+|\p{Nd}+/gu) ?? [part]));
  }
  return out;
}

/** xstrings.ToSnakeCase. */
export const snakecase = (s: string): string =>
  words(s)
    .map((w) => w.toLowerCase())
    .join('_');
/** xstrings.ToKebabCase. */
export const kebabcase = (s: string): string =>
  words(s)
    .map((w) => w.toLowerCase())
    .join('-');
/** xstrings.ToPascalCase (Sprig's camelcase). */
export const camelcase = (s: string): string =>
  s
    .split(/_+/)
    .filter(Boolean)
    .map((w) => w[0].toUpperCase() + w.slice(1))
    .join('');

/** goutils.SwapCase. */
function swapcase(s: string): string {
  return [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join('');
}

/** The string functions by name. */
export const stringFuncs: FuncMap = {
  abbrev: goFunc('func(int, string) string', (w: bigint, s: string) => (Number(w) < 4 ? s : abbreviate(s, Number(w)))),
  abbrevboth: goFunc('func(int, int, string) string', (l: bigint, r: bigint, s: string) =>
    Number(r) < 4 || (Number(l) > 0 && Number(r) < 7) ? s : abbreviateFull(s, Number(l), Number(r)),
  ),
  trunc: goFunc('func(int, string) string', (c: bigint, s: string) => {
    const n = Number(c);
    const len = byteLen(s);
    if (n < 0 && len + n > 0) return byteSlice(s, len + n);
    if (n >= 0 && len > n) return byteSlice(s, 0, n);
    return s;
  }),
  trim: goFunc('func(string) string', trimSpace),
  upper: goFunc('func(string) string', (s: string) => s.toUpperCase()),
  lower: goFunc('func(string) string', (s: string) => s.toLowerCase()),
  title: goFunc('func(string) string', title),
  untitle: goFunc('func(string) string', (s: string) => s.replace(/(^|\s)(\S)/gu, (_m, a: string, b: string) => a + b.toLowerCase())),
  substr: goFunc('func(int, int, string) string', (a: bigint, b: bigint, s: string) => {
    const start = Number(a);
    const end = Number(b);
    if (start < 0) return byteSlice(s, 0, end);
    if (end < 0 || end > byteLen(s)) return byteSlice(s, start);
    if (start > end) throw new Error(`runtime error: slice bounds out of range [${start}:${end}]`);
    return byteSlice(s, start, end);
  }),
  repeat: goFunc('func(int, string) string', (n: bigint, s: string) => {
    if (n < 0n) throw new Error('strings: negative Repeat count');
    return s.repeat(Number(n));
  }),
  trimall: goFunc('func(string, string) string', (a: string, b: string) => trimCutset(b, a)),
  trimAll: goFunc('func(string, string) string', (a: string, b: string) => trimCutset(b, a)),
  trimSuffix: goFunc('func(string, string) string', (a: string, b: string) => (a && b.endsWith(a) ? b.slice(0, b.length - a.length) : b)),
  trimPrefix: goFunc('func(string, string) string', (a: string, b: string) => (b.startsWith(a) ? b.slice(a.length) : b)),
  nospace: goFunc('func(string) string', (s: string) => s.replace(/\s/g, '')),
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
  indent: goFunc('func(int, string) string', (n: bigint, s: string) => {
    const pad = ' '.repeat(Math.max(Number(n), 0));
    return pad + s.replace(/\n/g, '\n' + pad);
  }),
  nindent: goFunc('func(int, string) string', (n: bigint, s: string) => {
    const pad = ' '.repeat(Math.max(Number(n), 0));
    return '\n' + pad + s.replace(/\n/g, '\n' + pad);
  }),
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
