/** Sprig's regex functions: Go RE2 syntax translated to JS RegExp, and Go's replacement-template expansion. */
import { goFunc, withGoType, type FuncMap } from '@fjord/go-template';

/** Compiles a Go regular expression (leading (?flags), (?P<name>), \A, \z translated); throws Go-like errors. */
export function compileGoRegex(expr: string, global = true): RegExp {
  let src = expr;
  let flags = global ? 'g' : '';
  const lead = /^\(\?([imsU]+)\)/.exec(src);
  if (lead) {
    src = src.slice(lead[0].length);
    for (const f of lead[1]) if ('ims'.includes(f) && !flags.includes(f)) flags += f;
  }
  src = src
    .replace(/\(\?P</g, '(?<')
    .replace(/\\A/g, '^')
    .replace(/\\z/g, '$(?![\\s\\S])');
  try {
    return new RegExp(src, flags);
  } catch (e) {
    throw new Error(`error parsing regexp: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`);
  }
}

/** Go's Regexp.Expand of a replacement template ($1, ${1}, $name, ${name}, $$). */
export function expandTemplate(template: string, m: RegExpExecArray): string {
  let out = '';
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c !== '$' || i + 1 >= template.length) {
      out += c;
      continue;
    }
    if (template[i + 1] === '$') {
      out += '$';
      i++;
      continue;
    }
    let name: string | undefined;
    let end = i + 1;
    if (template[i + 1] === '{') {
      const close = template.indexOf('}', i + 2);
      const inner = close < 0 ? '' : template.slice(i + 2, close);
      if (close >= 0 && /^[A-Za-z0-9_]+$/.test(inner)) [name, end] = [inner, close + 1];
    } else {
      const id = /^[A-Za-z0-9_]+/.exec(template.slice(i + 1));
      if (id) [name, end] = [id[0], i + 1 + id[0].length];
    }
    if (name === undefined) {
      out += '$';
      continue;
    }
    if (/^\d+$/.test(name)) out += m[Number(name)] ?? '';
    else out += m.groups?.[name] ?? '';
    i = end - 1;
  }
  return out;
}

function replaceAll(re: RegExp, s: string, repl: (m: RegExpExecArray) => string): string {
  let out = '';
  let last = 0;
  let m: RegExpExecArray | null;
  re.lastIndex = 0;
  while ((m = re.exec(s)) !== null) {
    out += s.slice(last, m.index) + repl(m);
    last = m.index + m[0].length;
    if (m[0].length === 0) re.lastIndex++;
  }
  return out + s.slice(last);
}

function findAll(re: RegExp, s: string, n: number): string[] {
  const out: string[] = [];
  if (n === 0) return out;
  for (const m of s.matchAll(re)) {
    out.push(m[0]);
    if (n > 0 && out.length >= n) break;
  }
  return out;
}

function split(re: RegExp, s: string, n: number): string[] {
  if (n === 0) return [];
  if (re.source === '(?:)' && s.length > 0) {
    const chars = [...s];
    return n < 0 || n >= chars.length ? chars : [...chars.slice(0, n - 1), chars.slice(n - 1).join('')];
  }
  const out: string[] = [];
  let beg = 0;
  for (const m of s.matchAll(re)) {
    if (n > 0 && out.length === n - 1) break;
    const end = m.index!;
    if (m[0].length === 0 && end === 0) continue;
    out.push(s.slice(beg, end));
    beg = end + m[0].length;
  }
  out.push(s.slice(beg));
  return out;
}

const both = (name: string, sig: string, mustSig: string, fn: (...a: never[]) => unknown): FuncMap => ({
  [name]: goFunc(sig, fn),
  [`must${name[0].toUpperCase()}${name.slice(1)}`]: goFunc(mustSig, fn),
});

/** The regex functions by name. */
export const regexFuncs: FuncMap = {
  regexMatch: goFunc('func(string, string) bool', (r: string, s: string) => {
    try {
      return compileGoRegex(r, false).test(s);
    } catch {
      return false;
    }
  }),
  mustRegexMatch: goFunc('func(string, string) (bool, error)', (r: string, s: string) => compileGoRegex(r, false).test(s)),
  ...both('regexFindAll', 'func(string, string, int) []string', 'func(string, string, int) ([]string, error)', (r: string, s: string, n: bigint) =>
    withGoType(findAll(compileGoRegex(r), s, Number(n)), '[]string'),
  ),
  ...both(
    'regexFind',
    'func(string, string) string',
    'func(string, string) (string, error)',
    (r: string, s: string) => compileGoRegex(r, false).exec(s)?.[0] ?? '',
  ),
  ...both('regexReplaceAll', 'func(string, string, string) string', 'func(string, string, string) (string, error)', (r: string, s: string, repl: string) =>
    replaceAll(compileGoRegex(r), s, (m) => expandTemplate(repl, m)),
  ),
  ...both(
    'regexReplaceAllLiteral',
    'func(string, string, string) string',
    'func(string, string, string) (string, error)',
    (r: string, s: string, repl: string) => replaceAll(compileGoRegex(r), s, () => repl),
  ),
  ...both('regexSplit', 'func(string, string, int) []string', 'func(string, string, int) ([]string, error)', (r: string, s: string, n: bigint) =>
    withGoType(split(compileGoRegex(r), s, Number(n)), '[]string'),
  ),
  regexQuoteMeta: goFunc('func(string) string', (s: string) => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')),
};
