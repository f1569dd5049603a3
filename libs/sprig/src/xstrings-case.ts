/**
 * huandu/xstrings v1.5.0's ToSnakeCase and ToKebabCase (Sprig's snakecase and kebabcase): the string is read as a
 * run of words — upper-case, lower-case, number, connector (`-`, `_`, spaces), punctuation, other — and joined with
 * the connector by xstrings' rules (`HTTPServer` → `http_server`, `Bld4Floor` → `bld4_floor`, `$` stays `$`).
 */

import { isGoSpace, lowerRune, upperRune } from './unicase';

type WordType = 'invalid' | 'number' | 'upper' | 'alphabet' | 'connector' | 'punct' | 'other';

interface Word {
  type: WordType;
  word: string;
  rest: string;
}

const isConnector = (r: string): boolean => r === '-' || r === '_' || isGoSpace(r);
const isUpper = (r: string): boolean => /^\p{Lu}$/u.test(r);
const isPunct = (r: string): boolean => /^\p{P}$/u.test(r);
const isNumber = (r: string): boolean => /^\p{N}$/u.test(r);

/** xstrings' isAlphabet: a letter, but not a CJK ideograph. */
function isAlphabet(r: string): boolean {
  if (!/^\p{L}$/u.test(r)) return false;
  const c = r.codePointAt(0)!;
  if (c < 0x3400) return true;
  return !((c >= 0x4e00 && c <= 0x9fcc) || (c >= 0x3400 && c <= 0x4d85) || (c >= 0x20000 && c <= 0x2b81d));
}

/** Counts how many leading code points satisfy `ok`, from code point `from`. */
function run(runes: string[], from: number, ok: (r: string) => boolean): number {
  let i = from;
  while (i < runes.length && ok(runes[i])) i++;
  return i;
}

/** xstrings' nextWord over code points. */
function nextWord(runes: string[]): { type: WordType; n: number } {
  const r = runes[0];
  if (isConnector(r)) return { type: 'connector', n: run(runes, 1, isConnector) };
  if (isPunct(r)) return { type: 'punct', n: run(runes, 1, isPunct) };
  if (isUpper(r)) {
    if (runes.length === 1) return { type: 'upper', n: 1 };
    if (isUpper(runes[1])) {
      const end = run(runes, 1, isUpper);
      // "HTTPStatus" is "HTTP" and "Status": the last upper-case letter starts the next word.
      return { type: 'upper', n: end < runes.length && isAlphabet(runes[end]) ? end - 1 : end };
    }
    if (isAlphabet(runes[1])) return { type: 'upper', n: run(runes, 1, (x) => isAlphabet(x) && !isUpper(x)) };
    return { type: 'upper', n: 1 };
  }
  if (isAlphabet(r)) return { type: 'alphabet', n: run(runes, 1, (x) => isAlphabet(x) && !isUpper(x)) };
  if (isNumber(r)) return { type: 'number', n: run(runes, 1, isNumber) };
  return { type: 'other', n: run(runes, 1, (x) => !(isConnector(x) || isAlphabet(x) || isNumber(x) || isPunct(x))) };
}

function toLower(out: string[], w: Word, connector: string): void {
  if (w.type !== 'upper' && w.type !== 'connector') {
    out.push(w.word);
    return;
  }
  for (const r of w.word) out.push(isConnector(r) ? connector : isUpper(r) ? lowerRune(r) : r);
}

/** xstrings' camelCaseToLowerCase. */
export function camelCaseToLowerCase(str: string, connector: string): string {
  if (str === '') return '';
  const out: string[] = [];
  const next = (s: string): Word => {
    if (s === '') return { type: 'invalid', word: '', rest: '' };
    const runes = [...s];
    const { type, n } = nextWord(runes);
    const word = runes.slice(0, n).join('');
    return { type, word, rest: s.slice(word.length) };
  };
  let w = next(str);
  while (w.rest.length > 0) {
    if (w.type !== 'connector') toLower(out, w, connector);
    const prev = w;
    w = next(w.rest);
    switch (prev.type) {
      case 'number':
        while (w.type === 'alphabet' || w.type === 'number') {
          toLower(out, w, connector);
          w = next(w.rest);
        }
        if (w.type !== 'invalid' && w.type !== 'punct' && w.type !== 'connector') out.push(connector);
        break;
      case 'connector':
        toLower(out, prev, connector);
        break;
      case 'punct':
        break;
      default: {
        if (w.type !== 'number') {
          if (w.type !== 'connector' && w.type !== 'punct') out.push(connector);
          break;
        }
        if (w.rest.length === 0) break;
        const last = w;
        w = next(w.rest);
        // A number followed by letters starts a new word ("HTTP2xx" → "http_2xx"); else it ends the previous one.
        if (w.type !== 'alphabet') {
          toLower(out, { ...last, type: 'number' }, connector);
          if (w.type !== 'connector' && w.type !== 'punct') out.push(connector);
          break;
        }
        out.push(connector);
        toLower(out, { ...last, type: 'number' }, connector);
        while (w.type === 'alphabet' || w.type === 'number') {
          toLower(out, w, connector);
          w = next(w.rest);
        }
        if (w.type !== 'invalid' && w.type !== 'connector' && w.type !== 'punct') out.push(connector);
      }
    }
  }
  toLower(out, w, connector);
  return out.join('');
}

/**
 * xstrings' toCamelCase with isBig (ToPascalCase, Sprig's camelcase): connectors go, the rune after one is upper-cased,
 * a run of upper case after an upper-case word start is lowered; leading connectors stay (and a string of connectors
 * only comes out with its last one twice, as in Go).
 */
export function pascalCase(str: string): string {
  const runes = [...str];
  if (!runes.length) return '';
  let out = '';
  let i = 0;
  let r0 = '';
  let firstUpper = false;
  for (; i < runes.length;) {
    r0 = runes[i++];
    if (!isConnector(r0)) {
      firstUpper = /^\p{Lu}$/u.test(r0);
      r0 = upperRune(r0);
      break;
    }
    out += r0;
  }
  if (i === runes.length) return out + r0;
  while (i < runes.length) {
    const r1 = r0;
    r0 = runes[i++];
    if (isConnector(r0) && isConnector(r1)) {
      out += r1;
      continue;
    }
    if (isConnector(r1)) {
      firstUpper = /^\p{Lu}$/u.test(r0);
      r0 = upperRune(r0);
    } else {
      if (firstUpper) {
        if (/^\p{Lu}$/u.test(r0)) r0 = lowerRune(r0);
        else firstUpper = false;
      }
      out += r1;
    }
  }
  return out + r0;
}
