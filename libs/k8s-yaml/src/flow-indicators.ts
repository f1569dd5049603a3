/**
 * Readings of flow collections where go-yaml and the `yaml` package part, written so that the `yaml` package reads
 * them as go-yaml does (only columns later on the same line move):
 *
 * - a `-` right before `,`, `]` or `}` is the plain scalar "-" for go-yaml (`{a: -}`), a block sequence indicator
 *   (and an error) for the `yaml` package: written `"-"`;
 * - a `:` ending a plain scalar right before `,`, `]` or `}` belongs to it for go-yaml (`{a: -:}`, `[x:]`), it is a
 *   value indicator for the `yaml` package: written `"-:"`;
 * - a `?` right before a word (or a `:`) is the explicit key indicator for go-yaml (`[?a]` is `[{a: null}]`), part
 *   of a plain scalar for the `yaml` package: written `? a` (`? :`).
 */
import { Lexer } from 'yaml';

const CONTROL = new Set(['\x02', '\x18', '\x1f']);
const ENDS = [',', ']', '}'];

/** The text with those flow indicators written the `yaml` package's way. */
export function goFlowIndicators(text: string): string {
  if (!/-[,\]}]|:[,\]}]|\?\S/.test(text)) return text;
  const tokens = [...new Lexer().lex(text)].filter((t) => !CONTROL.has(t) && t !== '');
  let depth = 0;
  let out = '';
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token === '[' || token === '{') depth++;
    else if ((token === ']' || token === '}') && depth > 0) depth--;
    if (depth > 0 && token === '-' && ENDS.includes(tokens[i + 1])) out += '"-"';
    else if (depth > 0 && /^[^\s"'[\]{},:#&*!|>%@`]/.test(token) && tokens[i + 1] === ':' && ENDS.includes(tokens[i + 2])) {
      out += JSON.stringify(`${token}:`);
      i++;
    } else if (depth > 0 && /^\?[^\s,[\]{}]/.test(token)) out += `? ${token.slice(1)}`;
    else if (depth > 0 && token === '?' && tokens[i + 1] === ':') out += '? ';
    else out += token;
  }
  return out;
}
