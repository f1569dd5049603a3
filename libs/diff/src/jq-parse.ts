/**
 * A parser for the subset of jq that Argo CD users write in `ignoreDifferences.jqPathExpressions`: path
 * expressions (`.a.b`, `."a/b"`, `.["a/b"]`, `.[0]`, `.[]`, `?`), pipes and commas, `select(...)` with
 * comparisons, `and`/`or`/`not`, `//`, and a few string/containment functions (see README.md).
 */

/** A parsed jq expression. */
export type JqAst =
  | { t: 'identity' }
  | { t: 'field'; name: string }
  | { t: 'index'; key: string | number }
  | { t: 'slice'; from?: number; to?: number }
  | { t: 'iterate' }
  | { t: 'recurse' }
  | { t: 'pipe'; left: JqAst; right: JqAst }
  | { t: 'comma'; left: JqAst; right: JqAst }
  | { t: 'try'; body: JqAst }
  | { t: 'literal'; value: unknown }
  | { t: 'binop'; op: string; left: JqAst; right: JqAst }
  | { t: 'call'; name: string; args: JqAst[] };

/** A jq syntax error, naming the expression and the offending position. */
export class JqSyntaxError extends Error {
  constructor(expression: string, message: string, pos: number) {
    super(`invalid jq expression ${JSON.stringify(expression)} at ${pos}: ${message}`);
    this.name = 'JqSyntaxError';
  }
}

interface Token {
  kind: 'punct' | 'ident' | 'string' | 'number' | 'op' | 'end';
  text: string;
  value?: unknown;
  pos: number;
  /** Whether whitespace separates this token from the previous one. */
  spaced: boolean;
}

const OPS = ['==', '!=', '<=', '>=', '//', '..', '<', '>'];

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  let spaced = false;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) {
      i++;
      spaced = true;
      continue;
    }
    const start = i;
    const op = OPS.find((o) => src.startsWith(o, i));
    if (op) {
      out.push({ kind: op === '..' ? 'punct' : 'op', text: op, pos: start, spaced });
      i += op.length;
    } else if ('.[](),|?;'.includes(c)) {
      out.push({ kind: 'punct', text: c, pos: start, spaced });
      i++;
    } else if (c === '"') {
      i++;
      while (i < src.length && src[i] !== '"') i += src[i] === '\\' ? 2 : 1;
      if (i >= src.length) throw new JqSyntaxError(src, 'unterminated string', start);
      i++;
      out.push({ kind: 'string', text: src.slice(start, i), value: JSON.parse(src.slice(start, i)), pos: start, spaced });
    } else if (/[0-9-]/.test(c) && /[0-9]/.test(src[c === '-' ? i + 1 : i] ?? '')) {
      i++;
      while (i < src.length && /[0-9.eE]/.test(src[i])) i++;
      out.push({ kind: 'number', text: src.slice(start, i), value: Number(src.slice(start, i)), pos: start, spaced });
    } else if (/[A-Za-z_$]/.test(c)) {
      while (i < src.length && /[A-Za-z0-9_]/.test(src[i])) i++;
      out.push({ kind: 'ident', text: src.slice(start, i), pos: start, spaced });
    } else {
      throw new JqSyntaxError(src, `unexpected character ${JSON.stringify(c)}`, start);
    }
    spaced = false;
  }
  out.push({ kind: 'end', text: '', pos: src.length, spaced });
  return out;
}

/** Parses a jq expression of the supported subset. */
export function parseJq(src: string): JqAst {
  const tokens = tokenize(src);
  let p = 0;
  const peek = () => tokens[p];
  const fail = (msg: string): never => {
    throw new JqSyntaxError(src, msg, peek().pos);
  };
  const accept = (text: string) => (peek().text === text && peek().kind !== 'string' ? (p++, true) : false);
  const expect = (text: string) => accept(text) || fail(`expected ${JSON.stringify(text)}`);

  const binary = (next: () => JqAst, ops: string[], make: (op: string, l: JqAst, r: JqAst) => JqAst) => (): JqAst => {
    let left = next();
    for (let op = peek(); ops.includes(op.text) && op.kind !== 'string'; op = peek()) {
      p++;
      left = make(op.text, left, next());
    }
    return left;
  };
  const pipe: () => JqAst = () => binary(comma, ['|'], (_, left, right) => ({ t: 'pipe', left, right }))();
  const comma: () => JqAst = () => binary(alt, [','], (_, left, right) => ({ t: 'comma', left, right }))();
  const op = (op: string, left: JqAst, right: JqAst): JqAst => ({ t: 'binop', op, left, right });
  const alt: () => JqAst = () => binary(or, ['//'], op)();
  const or: () => JqAst = () => binary(and, ['or'], op)();
  const and: () => JqAst = () => binary(compare, ['and'], op)();
  const compare: () => JqAst = () => binary(postfix, ['==', '!=', '<', '<=', '>', '>='], op)();

  function suffix(): JqAst | undefined {
    const tok = peek();
    if (tok.text === '[' && tok.kind === 'punct') {
      p++;
      if (accept(']')) return { t: 'iterate' };
      const first = peek();
      if ((first.kind === 'string' || first.kind === 'number') && tokens[p + 1].text === ']') {
        p += 2;
        return { t: 'index', key: first.value as string | number };
      }
      if (first.kind === 'number' || first.text === ':') {
        const from = first.kind === 'number' ? ((p++, first.value) as number) : undefined;
        expect(':');
        const to = peek().kind === 'number' ? ((p++, tokens[p - 1].value) as number) : undefined;
        expect(']');
        return { t: 'slice', from, to };
      }
      return fail('only literal indices are supported in [...]');
    }
    if (tok.text === '?' && tok.kind === 'punct') {
      p++;
      return { t: 'try', body: { t: 'identity' } };
    }
    if (tok.text === '.' && tok.kind === 'punct' && !tok.spaced) {
      const next = tokens[p + 1];
      if (next.kind === 'ident' && !next.spaced) return ((p += 2), { t: 'field', name: next.text });
      if (next.kind === 'string' && !next.spaced) return ((p += 2), { t: 'field', name: next.value as string });
      if (next.text === '[' && !next.spaced) return (p++, suffix());
    }
    return undefined;
  }

  function postfix(): JqAst {
    let node = primary();
    for (let s = suffix(); s; s = suffix()) {
      node = s.t === 'try' ? { t: 'try', body: node } : { t: 'pipe', left: node, right: s };
    }
    return node;
  }

  function primary(): JqAst {
    const tok = peek();
    if (tok.kind === 'string' || tok.kind === 'number') return (p++, { t: 'literal', value: tok.value });
    if (tok.text === '..' && tok.kind === 'punct') return (p++, { t: 'recurse' });
    if (tok.text === '.' && tok.kind === 'punct') {
      const next = tokens[p + 1];
      if ((next.kind === 'ident' || next.kind === 'string') && !next.spaced)
        return ((p += 2), { t: 'field', name: next.kind === 'string' ? (next.value as string) : next.text });
      return (p++, { t: 'identity' });
    }
    if (accept('(')) {
      const inner = pipe();
      expect(')');
      return inner;
    }
    if (tok.kind === 'ident') {
      p++;
      if (tok.text === 'true' || tok.text === 'false' || tok.text === 'null') return { t: 'literal', value: JSON.parse(tok.text) };
      const args: JqAst[] = [];
      if (accept('(')) {
        do args.push(pipe());
        while (accept(';'));
        expect(')');
      }
      return { t: 'call', name: tok.text, args };
    }
    return fail(tok.kind === 'end' ? 'unexpected end of expression' : `unexpected ${JSON.stringify(tok.text)}`);
  }

  const ast = pipe();
  if (peek().kind !== 'end') fail(`unexpected ${JSON.stringify(peek().text)}`);
  return ast;
}
