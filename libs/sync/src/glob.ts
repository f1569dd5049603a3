/** How a glob is matched. */
export interface GlobOptions {
  /** Characters `*` and `?` do not cross (gobwas/glob separators); `**` crosses them. */
  separators?: string;
  /** Whether `{a,b}` alternatives are allowed (gobwas/glob yes, Go's filepath.Match no). */
  braces?: boolean;
}

const escapeRe = (c: string) => c.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');

function parseClass(pattern: string, start: number): { re: string; end: number } {
  let i = start + 1;
  let negate = false;
  if (pattern[i] === '!' || pattern[i] === '^') {
    negate = true;
    i++;
  }
  let body = '';
  while (i < pattern.length && (pattern[i] !== ']' || body === '')) {
    if (pattern[i] === '\\' && i + 1 < pattern.length) i++;
    const c = pattern[i++];
    if (pattern[i] === '-' && i + 1 < pattern.length && pattern[i + 1] !== ']') {
      body += `${escapeRe(c)}-${escapeRe(pattern[i + 1])}`;
      i += 2;
    } else body += escapeRe(c);
  }
  if (pattern[i] !== ']') throw new Error(`unterminated [ in glob ${JSON.stringify(pattern)}`);
  return { re: `[${negate ? '^' : ''}${body}]`, end: i + 1 };
}

/** A glob being compiled: the pattern, the position, and the options. */
class GlobParser {
  private i = 0;
  private readonly anyChar: string;

  constructor(
    private readonly pattern: string,
    private readonly options: GlobOptions,
  ) {
    this.anyChar = options.separators ? `[^${escapeRe(options.separators)}]` : '[\\s\\S]';
  }

  /** The RegExp source of the pattern from the current position, up to `,` or `}` inside braces. */
  parse(depth: number): string {
    let out = '';
    while (this.i < this.pattern.length) {
      const c = this.pattern[this.i];
      if (depth > 0 && (c === ',' || c === '}')) return out;
      out += this.token(c, depth);
    }
    return out;
  }

  private token(c: string, depth: number): string {
    const p = this.pattern;
    if (c === '\\' && this.i + 1 < p.length) {
      this.i += 2;
      return escapeRe(p[this.i - 1]);
    }
    if (c === '*' && p[this.i + 1] === '*' && this.options.separators) {
      this.i += 2;
      return '[\\s\\S]*';
    }
    if (c === '[') {
      const cls = parseClass(p, this.i);
      this.i = cls.end;
      return cls.re;
    }
    if (c === '{' && this.options.braces !== false) return this.alternatives(depth);
    this.i++;
    if (c === '*') return `${this.anyChar}*`;
    return c === '?' ? this.anyChar : escapeRe(c);
  }

  private alternatives(depth: number): string {
    this.i++;
    const alts = [this.parse(depth + 1)];
    while (this.pattern[this.i] === ',') {
      this.i++;
      alts.push(this.parse(depth + 1));
    }
    if (this.pattern[this.i] !== '}') throw new Error(`unterminated { in glob ${JSON.stringify(this.pattern)}`);
    this.i++;
    return `(?:${alts.join('|')})`;
  }
}

/** Compiles a glob to an anchored RegExp (`*`, `**`, `?`, `[a-z]`, `[!a]`, `{a,b}`, `\\` escapes). Throws when malformed. */
export function compileGlob(pattern: string, options: GlobOptions = {}): RegExp {
  return new RegExp(`^${new GlobParser(pattern, options).parse(0)}$`);
}

/** Whether a value matches a glob; a malformed glob matches nothing (Argo CD logs and denies). */
export function globMatch(pattern: string, value: string, options: GlobOptions = {}): boolean {
  try {
    return compileGlob(pattern, options).test(value);
  } catch {
    return false;
  }
}
