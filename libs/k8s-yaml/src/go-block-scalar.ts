/**
 * The value of a literal (`|`) or folded (`>`) block scalar as go-yaml v2 scans it, from its header on. Where the
 * `yaml` package differs: a line of spaces deeper than the content is content (a space), not an empty line; a text
 * that ends without a line break gives no final line break; a comment may follow the header without a space (`|#`).
 */

/** A block scalar go-yaml refuses (an indentation indicator of 0, text after the header, a tab as indentation). */
export class BlockScalarError extends Error {
  override name = 'BlockScalarError';
}

const isBreak = (c: string | undefined) => c === '\n' || c === '\r';
const isBlank = (c: string | undefined) => c === ' ' || c === '\t';

/**
 * Scans the block scalar whose header (`|`, `>-`, `|2+`…) starts at `at`, inside a block collection indented to
 * `parentIndent` (-1 at the root of a document): its value, and the offset of the line where go-yaml ends it.
 */
export function goBlockScalar(text: string, at: number, parentIndent: number): { value: string; end: number } {
  const literal = text[at] === '|';
  let pos = at + 1;
  let chomp = 0;
  let increment = 0;
  const readChomp = () => {
    if (text[pos] === '+' || text[pos] === '-') chomp = text[pos++] === '+' ? 1 : -1;
  };
  const readIncrement = () => {
    if (text[pos] !== undefined && /[0-9]/.test(text[pos])) {
      if (text[pos] === '0') throw new BlockScalarError('found an indentation indicator equal to 0');
      increment = Number(text[pos++]);
    }
  };
  if (text[pos] === '+' || text[pos] === '-') {
    readChomp();
    readIncrement();
  } else {
    readIncrement();
    readChomp();
  }
  while (isBlank(text[pos])) pos++;
  if (text[pos] === '#') while (pos < text.length && !isBreak(text[pos])) pos++;
  if (pos < text.length && !isBreak(text[pos])) throw new BlockScalarError('did not find expected comment or line break');
  pos = skipBreak(text, pos);

  let indent = increment > 0 ? (parentIndent >= 0 ? parentIndent + increment : increment) : 0;
  let column = 0;
  /** Reads empty lines (and the indentation of the next one), as go-yaml's scan_block_scalar_breaks. */
  const breaks = (): string => {
    let out = '';
    let maxIndent = 0;
    for (;;) {
      while ((indent === 0 || column < indent) && text[pos] === ' ') {
        pos++;
        column++;
      }
      maxIndent = Math.max(maxIndent, column);
      if ((indent === 0 || column < indent) && text[pos] === '\t') {
        throw new BlockScalarError('found a tab character where an indentation space is expected');
      }
      if (!isBreak(text[pos])) break;
      pos = skipBreak(text, pos);
      column = 0;
      out += '\n';
    }
    if (indent === 0) indent = Math.max(maxIndent, parentIndent + 1, 1);
    return out;
  };

  let value = '';
  let leadingBreak = '';
  let lineStart = pos;
  let trailingBreaks = breaks();
  let leadingBlank = false;
  while (column === indent && pos < text.length) {
    const trailingBlank = isBlank(text[pos]);
    if (!literal && !leadingBlank && !trailingBlank && leadingBreak === '\n') {
      if (trailingBreaks === '') value += ' ';
    } else {
      value += leadingBreak;
    }
    value += trailingBreaks;
    leadingBlank = isBlank(text[pos]);
    let end = pos;
    while (end < text.length && !isBreak(text[end])) end++;
    value += text.slice(pos, end);
    pos = end;
    leadingBreak = pos < text.length ? '\n' : '';
    pos = skipBreak(text, pos);
    column = 0;
    lineStart = pos;
    trailingBreaks = breaks();
  }
  if (chomp !== -1) value += leadingBreak;
  if (chomp === 1) value += trailingBreaks;
  return { value, end: Math.max(text.lastIndexOf('\n', pos - 1) + 1, lineStart) };
}

/** Past one line break (`\r\n`, `\r` or `\n`), if there is one. */
function skipBreak(text: string, pos: number): number {
  if (text[pos] === '\r' && text[pos + 1] === '\n') return pos + 2;
  return isBreak(text[pos]) ? pos + 1 : pos;
}
