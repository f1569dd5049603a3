/**
 * What go-yaml v2's scanner refuses and the `yaml` package's lexer takes: directives other than `%YAML 1.1` and
 * `%TAG` (or a second `%YAML`), escapes YAML 1.1 lacks (`\/`), a tag not followed by a space (`!tag[`), and a tab
 * where go-yaml looks for the start of a token in a block (indentation, or right after `-` or `?`).
 */
import { Lexer } from 'yaml';

/** A scanner error: go-yaml's message and the offset in the text. */
export interface LexicalError {
  message: string;
  offset: number;
}

/** The escapes of a YAML 1.1 double-quoted scalar, as go-yaml reads them (after the `\`). */
const ESCAPES = new Set(['0', 'a', 'b', 't', '\t', 'n', 'v', 'f', 'r', 'e', ' ', '"', "'", '\\', 'N', '_', 'L', 'P', 'x', 'u', 'U', '\n', '\r']);

const CONTROL = new Set(['\x02', '\x18', '\x1f']);

function directiveError(token: string, seenYaml: boolean): string | undefined {
  const [name, ...args] = token.slice(1).split(/[ \t]+/);
  if (name === 'TAG') return undefined;
  if (name !== 'YAML') return /^[0-9A-Za-z_-]+$/.test(name) ? 'found unknown directive name' : 'could not find expected directive name';
  if (seenYaml) return 'found duplicate %YAML directive';
  return /^1\.1$/.test(args[0] ?? '') ? undefined : 'found incompatible YAML document';
}

/** The first error go-yaml's scanner would report that the `yaml` package's lexer lets through, if any. */
export function goLexicalError(text: string): LexicalError | undefined {
  let offset = 0;
  let depth = 0;
  let simpleKeyAllowed = true;
  let seenYaml = false;
  let prologue = true;
  let previous = '';
  let afterPlain = false;
  let previousContent = '';
  for (const token of new Lexer().lex(text)) {
    if (CONTROL.has(token)) continue;
    const at = offset;
    offset += token.length;
    const first = token[0];
    if (previous.startsWith('!') && !/^[\s]/.test(first)) return { message: 'did not find expected whitespace or line break', offset: at };
    previous = token;
    if (/^[ \t]+$/.test(token)) {
      // A tab starting a flow scalar's continuation line is left of its indentation (go-yaml refuses it).
      if (depth > 0 && afterPlain && token[0] === '\t' && /\n$/.test(text.slice(0, at))) {
        return { message: 'found a tab character that violates indentation', offset: at };
      }
      // go-yaml's plain scalar scanner eats the blank lines after the scalar, tabs and all.
      if (token.includes('\t') && depth === 0 && simpleKeyAllowed && !afterPlain)
        return { message: 'found character that cannot start any token', offset: at + token.indexOf('\t') };
      continue;
    }
    if (token === '\n' || token === '\r\n') {
      afterPlain &&= previousContent === 'plain';
      if (depth === 0) simpleKeyAllowed = true;
      continue;
    }
    if (first === '#') {
      afterPlain = false;
      continue;
    }
    const plain = !/^["'|>!&*%#[\]{},:?-]/.test(token) || /^[-?:][^\s,[\]{}]/.test(token);
    // A tab starting a continuation line of a plain scalar is left of its indentation (go-yaml refuses it).
    if (plain && /\n\t/.test(token)) return { message: 'found a tab character that violates indentation', offset: at + token.indexOf('\n\t') + 1 };
    afterPlain = plain;
    previousContent = plain ? 'plain' : 'other';
    // Directives come before the first document; a `%` line later ends it (go-yaml reads no further).
    if (first !== '%') prologue = false;
    if (first === '%' && prologue) {
      const err = directiveError(token, seenYaml);
      if (err) return { message: err, offset: at };
      seenYaml ||= token.startsWith('%YAML');
      simpleKeyAllowed = false;
      continue;
    }
    if (first === '"') {
      for (let i = 1; i < token.length - 1; i++) {
        if (token[i] !== '\\') continue;
        if (!ESCAPES.has(token[i + 1])) return { message: 'found unknown escape character', offset: at + i };
        i++;
      }
    }
    if (token === '[' || token === '{') depth++;
    else if ((token === ']' || token === '}') && depth > 0) depth--;
    // After `:` of a key go-yaml allows no simple key (so tabs pass); after a multi-line plain scalar it does.
    simpleKeyAllowed = ['-', '?', '[', '{', ','].includes(token) || (!/^["'|>!&*]/.test(token) && token.includes('\n'));
  }
  return undefined;
}
