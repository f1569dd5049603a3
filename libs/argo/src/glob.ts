/**
 * Glob matching in every dialect Fjord needs, from one compiler. Argo CD matches globs with gobwas/glob (with or
 * without `/` as separator), Helm with gobwas/glob (`.Files.Glob`) and Go's filepath.Match (`.helmignore`), and
 * Fjord's older readers kept simpler dialects (RBAC: only `*` and `?`; ignoreDifferences: `*`, `?`, flat `{a,b}`).
 * Each caller picks its dialect from {@link GlobDialect}; the table test of glob.spec.ts shows how they differ.
 */

/** How `[...]` classes are read. */
export interface ClassSyntax {
  /** Characters that negate a class when they come first (`[!a]`, `[^a]`). */
  negation: string;
  /** Whether a `\` before a range's upper end escapes it (`[a-\]]`), as Go does; otherwise it is the end itself. */
  escapedRangeEnd?: boolean;
  /** Whether a class never matches a separator (filepath.Match). */
  excludeSeparators?: boolean;
  /**
   * The directory include/exclude reading kept from Fjord's first renderer: the text up to the next `]` (the first
   * character after `[` included) is the class, `!` first negates, `\` is literal, the rest is a RegExp class body.
   */
  verbatim?: boolean;
}

/** How a glob is read. Absent fields: gobwas/glob without separators. */
export interface GlobOptions {
  /** Characters that `*`, `?` (and, with `excludeSeparators`, classes) do not match. */
  separators?: string;
  /** Whether `**` also matches separators (gobwas/glob); otherwise it is two `*`. Default true. */
  doubleStar?: boolean;
  /** `{a,b}` alternatives: nestable (true, the default), `flat` (up to the next `}`; an unclosed `{` is literal) or none. */
  braces?: boolean | 'flat';
  /** How `[...]` classes are read; false makes `[` and `]` literal. Default: `!` or `^` negates. */
  classes?: ClassSyntax | false;
  /** Whether `\` escapes the next character. Default true. */
  escapes?: boolean;
  /** Whether a `\` at the end of the pattern is an error (Go) rather than a literal backslash. */
  strictEscapes?: boolean;
  /** Whether `?` and classes match a whole Unicode code point (a Go rune) rather than a UTF-16 unit. */
  codePoints?: boolean;
}

/** A glob that cannot be compiled; the message names the pattern and the problem (as Go's ErrBadPattern text). */
export class GlobSyntaxError extends Error {
  override name = 'GlobSyntaxError';
  constructor(
    readonly pattern: string,
    problem: string,
  ) {
    super(`syntax error in pattern ${JSON.stringify(pattern)}: ${problem}`);
  }
}

const GOBWAS_CLASS: ClassSyntax = { negation: '!^' };

/** The line terminators, which a RegExp `.` does not match without the `s` flag. */
const LINE_TERMINATORS = '\n\r\u2028\u2029';

/** The dialects in use, by what they match. */
export const GlobDialect = {
  /** Argo CD's glob.Match (gobwas/glob, no separator): AppProject destinations and cluster names. */
  Argo: {},
  /** gobwas/glob with `/` as separator: AppProject `sourceRepos` (on normalised Git URLs). */
  ArgoRepo: { separators: '/' },
  /** gobwas/glob with `/` as separator, no braces: AppProject resource allow/deny lists. */
  ArgoResource: { separators: '/', braces: false },
  /** `directory.include` / `directory.exclude` of an Application source. */
  Directory: { classes: { negation: '!', verbatim: true } },
  /** RBAC policies: `*` and `?` only, matching anything (slashes included); everything else literal. */
  Rbac: { braces: false, classes: false, escapes: false },
  /** ignoreDifferences group/kind: `*`, `?` (not across line breaks) and flat `{a,b}`. */
  IgnoreDifferences: { separators: LINE_TERMINATORS, doubleStar: false, braces: 'flat', classes: false, escapes: false },
  /** Helm's `.Files.Glob` (gobwas/glob with `/` as separator). */
  HelmFiles: { separators: '/', classes: { negation: '!^', escapedRangeEnd: true }, strictEscapes: true, codePoints: true },
  /** Go's filepath.Match, as `.helmignore` rules use it. */
  GoFilepath: {
    separators: '/',
    doubleStar: false,
    braces: false,
    classes: { negation: '^', escapedRangeEnd: true, excludeSeparators: true },
    strictEscapes: true,
    codePoints: true,
  },
} as const satisfies Record<string, GlobOptions>;

const SYNTAX = /[\\^$.*+?()[\]{}|/-]/g;
const UNICODE_SYNTAX = /[\\^$.*+?()[\]{}|/]/g;
const CLASS_SYNTAX = /[\\^\][-]/g;

/** A glob being compiled: the pattern, the position, and the options. */
class GlobCompiler {
  private i = 0;
  private readonly anyChar: string;
  private readonly classes: ClassSyntax | false;

  constructor(
    private readonly pattern: string,
    private readonly options: GlobOptions,
  ) {
    const seps = options.separators ? this.escape(options.separators, CLASS_SYNTAX) : '';
    this.anyChar = seps ? `[^${seps}]` : '[\\s\\S]';
    this.classes = options.classes === undefined ? GOBWAS_CLASS : options.classes;
  }

  /** The RegExp source of the pattern from the current position, up to `,` or `}` inside nestable braces. */
  compile(depth: number): string {
    let out = '';
    while (this.i < this.pattern.length) {
      const c = this.pattern[this.i];
      if (depth > 0 && (c === ',' || c === '}')) return out;
      out += this.token(c, depth);
    }
    return out;
  }

  private escape(text: string, syntax = this.options.codePoints ? UNICODE_SYNTAX : SYNTAX): string {
    return text.replace(syntax, '\\$&');
  }

  private token(c: string, depth: number): string {
    const p = this.pattern;
    const o = this.options;
    if (c === '\\' && o.escapes !== false) {
      if (this.i + 1 < p.length) {
        this.i += 2;
        return this.escape(p[this.i - 1]);
      }
      if (o.strictEscapes) throw new GlobSyntaxError(p, 'trailing \\');
    }
    if (c === '*' && p[this.i + 1] === '*' && o.separators && o.doubleStar !== false) {
      this.i += 2;
      return '[\\s\\S]*';
    }
    if (c === '[' && this.classes) return this.classes.verbatim ? this.verbatimClass() : this.charClass(this.classes);
    if (c === '{' && o.braces === 'flat') return this.flatAlternatives();
    if (c === '{' && (o.braces ?? true) === true) return this.alternatives(depth);
    this.i++;
    if (c === '*') return `${this.anyChar}*`;
    return c === '?' ? this.anyChar : this.escape(c);
  }

  /** One class member (an escaped character, or any other); the index moves past it. */
  private member(allowEscape: boolean): string | undefined {
    const p = this.pattern;
    if (allowEscape && p[this.i] === '\\') {
      if (this.i + 1 < p.length) this.i++;
      else if (this.options.strictEscapes) throw new GlobSyntaxError(p, 'trailing \\');
    }
    if (this.i >= p.length) return undefined;
    const c = p[this.i++];
    return this.escape(c, CLASS_SYNTAX);
  }

  private charClass(syntax: ClassSyntax): string {
    const p = this.pattern;
    this.i++;
    let negate = false;
    if (this.i < p.length && syntax.negation.includes(p[this.i])) {
      negate = true;
      this.i++;
    }
    let body = '';
    while (this.i < p.length && (p[this.i] !== ']' || body === '')) {
      const lo = this.member(true);
      if (lo === undefined) break;
      if (p[this.i] === '-' && this.i + 1 < p.length && p[this.i + 1] !== ']') {
        this.i++;
        const hi = this.member(!!syntax.escapedRangeEnd);
        if (hi === undefined) break;
        body += `${lo}-${hi}`;
      } else body += lo;
    }
    if (p[this.i] !== ']') throw new GlobSyntaxError(p, 'unterminated [');
    this.i++;
    const seps = this.options.separators;
    const guard = syntax.excludeSeparators && seps ? `(?![${this.escape(seps, CLASS_SYNTAX)}])` : '';
    return `${guard}[${negate ? '^' : ''}${body}]`;
  }

  private verbatimClass(): string {
    const p = this.pattern;
    const start = this.i + 1;
    const end = p.indexOf(']', start + 1);
    if (end < 0) throw new GlobSyntaxError(p, 'unterminated [');
    this.i = end + 1;
    const body = p.slice(start, end);
    return `[${body.startsWith('!') ? `^${body.slice(1)}` : body}]`.replace(/\\/g, '\\\\');
  }

  private alternatives(depth: number): string {
    this.i++;
    const alts = [this.compile(depth + 1)];
    while (this.pattern[this.i] === ',') {
      this.i++;
      alts.push(this.compile(depth + 1));
    }
    if (this.pattern[this.i] !== '}') throw new GlobSyntaxError(this.pattern, 'unterminated {');
    this.i++;
    return `(?:${alts.join('|')})`;
  }

  private flatAlternatives(): string {
    const end = this.pattern.indexOf('}', this.i + 1);
    if (end < 0) {
      this.i++;
      return this.escape('{');
    }
    const content = this.pattern.slice(this.i + 1, end);
    this.i = end + 1;
    const inner: GlobOptions = { ...this.options, braces: false };
    return `(?:${content
      .split(',')
      .map((alt) => new GlobCompiler(alt, inner).compile(0))
      .join('|')})`;
  }
}

/** Compiles a glob to an anchored RegExp in a dialect (default: gobwas/glob, no separator). Throws GlobSyntaxError. */
export function compileGlob(pattern: string, options: GlobOptions = GlobDialect.Argo): RegExp {
  const source = new GlobCompiler(pattern, options).compile(0);
  try {
    return new RegExp(`^${source}$`, options.codePoints ? 'u' : '');
  } catch (err) {
    throw new GlobSyntaxError(pattern, (err as Error).message);
  }
}

/** Compiled globs per dialect, reused: policies and project rules are matched on every request. */
const compiled = new WeakMap<GlobOptions, Map<string, RegExp | undefined>>();
const CACHE_LIMIT = 10_000;

/** Whether a value matches a glob in a dialect; a malformed glob matches nothing (Argo CD logs and denies). */
export function globMatch(pattern: string, value: string, options: GlobOptions = GlobDialect.Argo): boolean {
  let cache = compiled.get(options);
  if (!cache) compiled.set(options, (cache = new Map()));
  let re = cache.get(pattern);
  if (re === undefined && !cache.has(pattern)) {
    try {
      re = compileGlob(pattern, options);
    } catch {
      re = undefined;
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(pattern, re);
  }
  return re !== undefined && re.test(value);
}
