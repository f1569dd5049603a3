/**
 * Go's YAML parser ignores indentation inside flow collections and quoted scalars, so charts write
 *
 *     command: [ "/bin/sh",
 *     "-ce",
 *     "run" ]
 *
 * with the continuation lines no deeper than the key (the stable `minio` chart does). The YAML spec, and the `yaml`
 * package, want them deeper than the block they sit in: its lexer ends the collection or the quoted scalar at such
 * a line. There, a line's leading spaces are never content (line folding drops them), so indenting those lines
 * changes no value: {@link relaxIndentation} adds the spaces the lexer wants, line by line, until it no longer
 * ends anything early. Line numbers stay the same.
 */
import { Lexer } from 'yaml';

/** The lexer's control tokens (not source text): document start, flow collection ended by indentation, scalar. */
const DOCUMENT = '\x02';
const FLOW_END = '\x18';
const SCALAR = '\x1f';

/** Largest number of lines re-indented in one text, a bound on the re-lexing this costs. */
const MAX_FIXES = 10_000;

/** A line the lexer found under-indented, and the column its content must reach. */
interface Unindent {
  lineStart: number;
  column: number;
}

const columnOf = (text: string, offset: number) => offset - (text.lastIndexOf('\n', offset - 1) + 1);

/** Where a quoted scalar opened at `at` really closes (-1 if never) (an escaped `\"` or a doubled `''` does not close it). */
export function closingQuote(text: string, at: number): number {
  const quote = text[at];
  let end = text.indexOf(quote, at + 1);
  if (quote === "'") {
    while (end !== -1 && text[end + 1] === "'") end = text.indexOf("'", end + 2);
    return end;
  }
  while (end !== -1) {
    let backslashes = 0;
    while (text[end - 1 - backslashes] === '\\') backslashes++;
    if (backslashes % 2 === 0) return end;
    end = text.indexOf('"', end + 1);
  }
  return end;
}

/** Finds the first line at which the lexer ends a flow collection or a quoted scalar because of its indentation. */
function findUnindent(text: string): Unindent | undefined {
  let offset = 0;
  let depth = 0;
  let open = 0;
  for (const token of new Lexer().lex(text)) {
    if (token === FLOW_END) return { lineStart: text.lastIndexOf('\n', offset - 1) + 1, column: columnOf(text, open) + 1 };
    if (token === DOCUMENT || token === SCALAR) continue;
    if (token === '[' || token === '{') {
      if (depth === 0) open = offset;
      depth++;
    } else if ((token === ']' || token === '}') && depth > 0) {
      depth--;
    } else if (token[0] === '"' || token[0] === "'") {
      const end = closingQuote(text, offset);
      const broken = text.indexOf('\n', offset + token.length - 1);
      if (end > offset + token.length - 1 && broken !== -1 && broken < end) {
        return { lineStart: broken + 1, column: columnOf(text, depth > 0 ? open : offset) + 1 };
      }
    }
    offset += token.length;
  }
  return undefined;
}

/**
 * Re-indents the lines of flow collections and quoted scalars that the `yaml` package would end early, as Go reads
 * them. A line starting with `---` or `...` is left alone: Go ends the document there too.
 */
export function relaxIndentation(text: string): string {
  let out = text;
  for (let i = 0; i < MAX_FIXES; i++) {
    const found = findUnindent(out);
    if (!found) return out;
    const line = out.slice(found.lineStart);
    if (/^(---|\.\.\.)(\s|$)/.test(line)) return out;
    const indent = /^ */.exec(line)![0].length;
    if (indent >= found.column) return out;
    out = out.slice(0, found.lineStart) + ' '.repeat(found.column - indent) + out.slice(found.lineStart);
  }
  return out;
}
