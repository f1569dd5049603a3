/**
 * Where go-yaml's first document ends when its root is a flow collection, a quoted scalar or an empty node with
 * properties: at the bracket that closes it, the closing quote, or a second anchor or tag. go-yaml reads no further
 * than the next token (the rest is the next document, which YAMLToJSON never reads), so text after it cannot make
 * the document fail, as it can in the `yaml` package.
 */
import { Lexer } from 'yaml';
import { closingQuote } from './relax-indentation';

const CONTROL = new Set(['\x02', '\x18', '\x1f']);

/** The offset just past the root, if the root is such a node and what follows cannot continue it. */
export function goRootEnd(text: string): number | undefined {
  let offset = 0;
  let depth = 0;
  let anchor = false;
  let tag = false;
  let start = -1;
  for (const token of new Lexer().lex(text)) {
    if (CONTROL.has(token)) continue;
    const at = offset;
    offset += token.length;
    if (depth === 0) {
      if (/^(\s+|#.*|---)$/.test(token)) continue;
      if (start === -1) start = at;
      // After properties, a second anchor or tag, or an alias, starts another node: the root was an empty node.
      if ((anchor || tag) && token[0] === '*') return followedByNothing(text, start, at);
      if (token[0] === '&' || token[0] === '!') {
        if ((token[0] === '&' && anchor) || (token[0] === '!' && tag)) return followedByNothing(text, start, at);
        anchor ||= token[0] === '&';
        tag ||= token[0] === '!';
        continue;
      }
      if (token[0] === '"' || token[0] === "'") return followedByNothing(text, start, offset);
      if (token !== '[' && token !== '{') return undefined;
      depth = 1;
      continue;
    }
    if (token === '[' || token === '{') depth++;
    else if (token === ']' || token === '}') depth--;
    if (depth === 0) return followedByNothing(text, start, at + 1);
  }
  return undefined;
}

/**
 * Whether go-yaml stops after a root node from `start` to `end`: a scalar root on one line followed by `: ` is a key,
 * and a scalar after a root on its line that is itself followed by `: ` makes go-yaml fail; and the next token, with the rest of its
 * line (go-yaml scans on while that token may be a key), must scan: no `@` or backquote starting a token, no empty
 * anchor or alias, no block
 * scalar in a flow collection, a quoted scalar closed before the end of the text and any `---` or `...` line.
 * The offset to cut at, if so.
 */
export function followedByNothing(text: string, start: number, end: number): number | undefined {
  const junk = /^[^\n]*/
    .exec(text.slice(end))![0]
    .replace(/(^|\s)#.*$/, '')
    .trimStart();
  if (!text.slice(start, end).includes('\n')) {
    // A scalar root right before `: ` is a key; a flow root is not (go-yaml reads `[]: ]` as []).
    const flowRoot = /[\]}]$/.test(text.slice(start, end));
    if (!flowRoot && /^:(\s|$)/.test(junk)) return undefined;
    if (junk !== '' && !/^[:,[\]{}]/.test(junk) && /:(\s|$)/.test(outsideBrackets(junk))) return undefined;
  }
  const rest = text.slice(end).replace(/(^|\s)#[^\n]*/g, (c) => ' '.repeat(c.length));
  const next = /\S/.exec(rest);
  if (!next) return end;
  const open = end + next.index;
  // An indicator (`- `, `? `, `: `) is no possible key: go-yaml does not scan on past it.
  const nextLine = /^[-?:](\s|$)/.test(rest.slice(next.index)) ? next[0] : /^[^\n]*/.exec(rest.slice(next.index))![0];
  if (/(^|[\s[{,])([@`]|[*&](?![0-9A-Za-z_-]))/.test(nextLine) || (next[0] === '%' && open > 0 && text[open - 1] !== '\n')) return undefined;
  if (/[[{]/.test(nextLine[0]) && /[[{,:]\s*[|>]/.test(nextLine)) return undefined;
  if (next[0] === '"' || next[0] === "'") {
    const close = closingQuote(text, open);
    if (close === -1 || /\n(---|\.\.\.)(\s|$)/.test(text.slice(open, close))) return undefined;
  }
  return end;
}

/** A line with its bracketed parts (flow collections, where a `:` belongs to an inner key) left out. */
function outsideBrackets(line: string): string {
  let depth = 0;
  let out = '';
  for (const c of line) {
    if (c === '[' || c === '{') depth++;
    else if ((c === ']' || c === '}') && depth > 0) depth--;
    else if (depth === 0) out += c;
  }
  return out;
}
