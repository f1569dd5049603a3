/** Sprig's regex functions: Go RE2 syntax translated to JS RegExp, and Go's replacement-template expansion. */
import { canBackquote, goFunc, quote, withGoType, type FuncMap } from '@fjord/go-template';

/** RE2's ASCII classes (`[[:alpha:]]`), as ranges inside a JS character class. */
const POSIX_CLASSES: Record<string, string> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7F',
  blank: '\\t ',
  cntrl: '\\x00-\\x1F\\x7F',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

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
    .replace(/\\z/g, '$(?![\\s\\S])')
    .replace(/\[:(\w+):\]/g, (m, name: string) => POSIX_CLASSES[name] ?? m)
    .replace(/\\([pP])([A-Za-z])/g, '\\$1{$2}')
    .replace(/\\([pP])\{([A-Za-z_]+)\}/g, (_m, p: string, name: string) => (/^[A-Z][a-z]?$/.test(name) ? `\\${p}{${name}}` : `\\${p}{Script=${name}}`));
  try {
    // Go matches by code point (UTF-8), as the u flag does.
    return new RegExp(src, flags + 'u');
  } catch (e) {
    throw new Error(`error parsing regexp: ${syntaxError(expr, (e as Error).message)}`);
  }
}

/** Go's regexp/syntax error (`code: \`fragment\``) for what JS reports; the fragment is Go's where known. */
function syntaxError(expr: string, jsMessage: string): string {
  const reason = jsMessage.replace(/^Invalid regular expression: \/.*\/[a-z]*: /, '');
  if (/Unterminated group/.test(reason)) return `missing closing ): \`${expr}\``;
  if (/Unmatched '\)'/.test(reason)) return `unexpected ): \`${expr}\``;
  if (/Unterminated character class/.test(reason)) return `missing closing ]: \`${expr.slice(expr.lastIndexOf('['))}\``;
  if (/Nothing to repeat/.test(reason)) return `missing argument to repetition operator: \`${/[*+?]|\{\d*,?\d*\}/.exec(expr)?.[0] ?? expr}\``;
  if (/Invalid escape|Invalid (Unicode|property name)/.test(reason)) return `invalid escape sequence: \`${/\\./.exec(expr)?.[0] ?? expr}\``;
  return `${reason}: \`${expr}\``;
}

/** regexp.MustCompile: a bad expression panics with the expression quoted as Go's regexp quotes it. */
function mustCompile(expr: string, global = true): RegExp {
  try {
    return compileGoRegex(expr, global);
  } catch (e) {
    throw new Error(`regexp: Compile(${canBackquote(expr) ? `\`${expr}\`` : quote(expr)}): ${(e as Error).message}`);
  }
}

/** How a Sprig regex function compiles: MustCompile (panics) or Compile (returns the error, the must- form). */
type Compile = (expr: string, global?: boolean) => RegExp;

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

/**
 * The successive matches Go's *All functions see: as JS's global exec, but an empty match right where the previous
 * match ended is skipped (Go's allMatches), and an empty match steps over a whole code point.
 */
function* goMatches(re: RegExp, s: string): Generator<RegExpExecArray> {
  let prevEnd = -1;
  re.lastIndex = 0;
  for (let m = re.exec(s); m !== null; m = re.exec(s)) {
    const end = m.index + m[0].length;
    if (m[0].length === 0) {
      re.lastIndex = m.index + ((s.codePointAt(m.index) ?? 0) > 0xffff ? 2 : 1);
      if (m.index === prevEnd) continue;
    }
    prevEnd = end;
    yield m;
    if (re.lastIndex > s.length) break;
  }
}

function replaceAll(re: RegExp, s: string, repl: (m: RegExpExecArray) => string): string {
  let out = '';
  let last = 0;
  for (const m of goMatches(re, s)) {
    out += s.slice(last, m.index) + repl(m);
    last = m.index + m[0].length;
  }
  return out + s.slice(last);
}

function findAll(re: RegExp, s: string, n: number): string[] {
  const out: string[] = [];
  if (n === 0) return out;
  for (const m of goMatches(re, s)) {
    out.push(m[0]);
    if (n > 0 && out.length >= n) break;
  }
  return out;
}

/** Go's Regexp.Split: the texts between at most n matches (all when n < 0). */
function split(re: RegExp, s: string, n: number): string[] {
  if (n === 0) return [];
  if (re.source !== '(?:)' && s.length === 0) return [''];
  const out: string[] = [];
  let beg = 0;
  let end = 0;
  let found = 0;
  for (const m of goMatches(re, s)) {
    if (n > 0 && (found++ === n || out.length === n - 1)) break;
    end = m.index;
    if (m.index + m[0].length !== 0) out.push(s.slice(beg, end));
    beg = m.index + m[0].length;
  }
  if (end !== s.length) out.push(s.slice(beg));
  return out;
}

/** A function and its must- form: the first compiles with MustCompile, the second with Compile. */
const both = <A extends never[]>(name: string, sig: string, mustSig: string, fn: (compile: Compile, ...a: A) => unknown): FuncMap => ({
  [name]: goFunc(sig, (...a: A) => fn(mustCompile, ...a)),
  [`must${name[0].toUpperCase()}${name.slice(1)}`]: goFunc(mustSig, (...a: A) => fn(compileGoRegex, ...a)),
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
  ...both('regexFindAll', 'func(string, string, int) []string', 'func(string, string, int) ([]string, error)', (compile, r: string, s: string, n: bigint) =>
    withGoType(findAll(compile(r), s, Number(n)), '[]string'),
  ),
  ...both(
    'regexFind',
    'func(string, string) string',
    'func(string, string) (string, error)',
    (compile, r: string, s: string) => compile(r, false).exec(s)?.[0] ?? '',
  ),
  ...both(
    'regexReplaceAll',
    'func(string, string, string) string',
    'func(string, string, string) (string, error)',
    (compile, r: string, s: string, repl: string) => replaceAll(compile(r), s, (m) => expandTemplate(repl, m)),
  ),
  ...both(
    'regexReplaceAllLiteral',
    'func(string, string, string) string',
    'func(string, string, string) (string, error)',
    (compile, r: string, s: string, repl: string) => replaceAll(compile(r), s, () => repl),
  ),
  ...both('regexSplit', 'func(string, string, int) []string', 'func(string, string, int) ([]string, error)', (compile, r: string, s: string, n: bigint) =>
    withGoType(split(compile(r), s, Number(n)), '[]string'),
  ),
  regexQuoteMeta: goFunc('func(string) string', (s: string) => s.replace(/[\\.+*?()|[\]{}^$]/g, '\\$&')),
};
