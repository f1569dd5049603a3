/** The template lexer: Go text/template/parse's lexer, including trim markers, comments and Go number syntax. */
import { isPrint, quote } from './strconv';

/** Kinds of lexical items. */
export type ItemType =
  | 'error'
  | 'bool'
  | 'char'
  | 'charConstant'
  | 'comment'
  | 'complex'
  | 'assign'
  | 'declare'
  | 'EOF'
  | 'field'
  | 'identifier'
  | 'leftDelim'
  | 'leftParen'
  | 'number'
  | 'pipe'
  | 'rawString'
  | 'rightDelim'
  | 'rightParen'
  | 'space'
  | 'string'
  | 'text'
  | 'variable'
  // keywords
  | 'block'
  | 'break'
  | 'continue'
  | 'dot'
  | 'define'
  | 'else'
  | 'end'
  | 'if'
  | 'nil'
  | 'range'
  | 'template'
  | 'with';

const keywords: Record<string, ItemType> = {
  '.': 'dot',
  block: 'block',
  break: 'break',
  continue: 'continue',
  define: 'define',
  else: 'else',
  end: 'end',
  if: 'if',
  range: 'range',
  nil: 'nil',
  template: 'template',
  with: 'with',
};
const keywordTypes = new Set(Object.values(keywords));

/** A lexical item: type, position (string index), text and line. */
export interface Item {
  typ: ItemType;
  pos: number;
  val: string;
  line: number;
}

/** Renders an item as Go does in parse errors. */
export function itemString(i: Item): string {
  if (i.typ === 'EOF') return 'EOF';
  if (i.typ === 'error') return i.val;
  if (keywordTypes.has(i.typ)) return `<${i.val}>`;
  if ([...i.val].length > 10) return `${quote([...i.val].slice(0, 10).join(''))}...`;
  return quote(i.val);
}

/** Lexer options derived from the function map. */
export interface LexOptions {
  emitComment: boolean;
  breakOK: boolean;
  continueOK: boolean;
}

const isSpace = (c: string | undefined): boolean => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isAlphaNumeric = (c: string | undefined): boolean => c !== undefined && /^[_\p{L}\p{Nd}]$/u.test(c);
const spaceChars = /[ \t\r\n]*$/;
const hasLeftTrim = (s: string, i: number): boolean => s[i] === '-' && isSpace(s[i + 1]);
const hasRightTrim = (s: string, i: number): boolean => isSpace(s[i]) && s[i + 1] === '-';

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) if (s.charCodeAt(i) === 10) n++;
  return n;
}

/** Formats a rune as Go's %#U (U+0041 'A'). */
function runeU(r: string): string {
  const cp = r.codePointAt(0) ?? 0;
  const u = `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
  return isPrint(cp) ? `${u} '${r}'` : u;
}

/** Lexes a whole template into items (the last one is EOF or error). */
export function lex(input: string, left: string, right: string, options: LexOptions): Item[] {
  const items: Item[] = [];
  let start = 0;
  let pos = 0;
  let line = 1;
  let startLine = 1;
  let parenDepth = 0;

  const emit = (typ: ItemType): void => {
    items.push({ typ, pos: start, val: input.slice(start, pos), line: startLine });
    start = pos;
    startLine = line;
  };
  const ignore = (): void => {
    line += countNewlines(input, start, pos);
    start = pos;
    startLine = line;
  };
  const error = (msg: string): boolean => {
    items.push({ typ: 'error', pos: start, val: msg, line: startLine });
    return false;
  };
  const atRightDelim = (): [boolean, boolean] => {
    if (hasRightTrim(input, pos) && input.startsWith(right, pos + 2)) return [true, true];
    return [input.startsWith(right, pos), false];
  };
  const atTerminator = (): boolean => {
    const c = input[pos];
    if (c === undefined || isSpace(c) || '.,|:)('.includes(c)) return true;
    return input.startsWith(right, pos);
  };
  const next = (): string | undefined => {
    if (pos >= input.length) {
      pos++;
      return undefined;
    }
    const c = String.fromCodePoint(input.codePointAt(pos)!);
    pos += c.length;
    if (c === '\n') line++;
    return c;
  };
  const backup = (c: string | undefined): void => {
    pos -= c === undefined ? 1 : c.length;
    if (c === '\n') line--;
  };

  /** Lexes text up to the next action; returns false at EOF. */
  const lexText = (): boolean => {
    const x = input.indexOf(left, pos);
    if (x < 0) {
      pos = input.length;
      if (pos > start) {
        line += countNewlines(input, start, pos);
        emit('text');
      }
      items.push({ typ: 'EOF', pos, val: '', line: startLine });
      return false;
    }
    pos = x;
    let trim = 0;
    if (hasLeftTrim(input, pos + left.length)) {
      const text = input.slice(start, pos);
      trim = text.length - text.replace(spaceChars, '').length;
    }
    pos -= trim;
    line += countNewlines(input, start, pos);
    if (pos > start) emit('text');
    pos += trim;
    ignore();
    return lexLeftDelim();
  };

  const lexLeftDelim = (): boolean => {
    pos += left.length;
    const trim = hasLeftTrim(input, pos);
    const after = trim ? 2 : 0;
    if (input.startsWith('/*', pos + after)) {
      pos += after;
      ignore();
      return lexComment();
    }
    emit('leftDelim');
    pos += after;
    ignore();
    parenDepth = 0;
    return lexInsideAction();
  };

  const lexComment = (): boolean => {
    pos += 2;
    const x = input.indexOf('*/', pos);
    if (x < 0) return error('unclosed comment');
    pos = x + 2;
    const [delim, trim] = atRightDelim();
    if (!delim) return error('comment ends before closing delimiter');
    line += countNewlines(input, start, pos);
    const item: Item = { typ: 'comment', pos: start, val: input.slice(start, pos), line: startLine };
    start = pos;
    startLine = line;
    if (trim) pos += 2;
    pos += right.length;
    if (trim) pos += input.slice(pos).length - input.slice(pos).replace(/^[ \t\r\n]*/, '').length;
    ignore();
    if (options.emitComment) items.push(item);
    return true;
  };

  const lexRightDelim = (): boolean => {
    const [, trim] = atRightDelim();
    if (trim) {
      pos += 2;
      ignore();
    }
    pos += right.length;
    emit('rightDelim');
    if (trim) {
      pos += input.slice(pos).length - input.slice(pos).replace(/^[ \t\r\n]*/, '').length;
      ignore();
    }
    return true;
  };

  const lexInsideAction = (): boolean => {
    for (;;) {
      const [delim] = atRightDelim();
      if (delim) {
        if (parenDepth === 0) return lexRightDelim();
        return error('unclosed left paren');
      }
      const r = next();
      if (r === undefined) return error('unclosed action');
      if (isSpace(r)) {
        backup(r);
        lexSpace();
        if (items[items.length - 1].typ === 'rightDelim') return true;
        continue;
      }
      const lexToken = tokenLexers[r];
      if (lexToken) {
        if (!lexToken()) return false;
        continue;
      }
      let ok = true;
      switch (true) {
        case r === '=':
          emit('assign');
          break;
        case r === ':':
          if (next() !== '=') return error('expected :=');
          emit('declare');
          break;
        case r === '|':
          emit('pipe');
          break;
        case r === '.' && pos < input.length && !(input[pos] >= '0' && input[pos] <= '9'):
          ok = lexFieldOrVariable('field');
          break;
        case r === '.' || r === '+' || r === '-' || (r >= '0' && r <= '9'):
          backup(r);
          ok = lexNumber();
          break;
        case isAlphaNumeric(r):
          backup(r);
          ok = lexIdentifier();
          break;
        case r === '(':
          parenDepth++;
          emit('leftParen');
          break;
        case r === ')':
          parenDepth--;
          if (parenDepth < 0) return error('unexpected right paren');
          emit('rightParen');
          break;
        case r.codePointAt(0)! <= 0x7f && r.codePointAt(0)! >= 0x20 && r !== '\x7f':
          emit('char');
          break;
        default:
          return error(`unrecognized character in action: ${runeU(r)}`);
      }
      if (!ok) return false;
    }
  };

  const lexSpace = (): void => {
    let n = 0;
    while (isSpace(input[pos])) {
      next();
      n++;
    }
    if (hasRightTrim(input, pos - 1) && input.startsWith(right, pos + 1)) {
      backup(input[pos - 1]);
      if (n === 1) {
        lexRightDelim();
        return;
      }
    }
    emit('space');
  };

  const lexIdentifier = (): boolean => {
    let r: string | undefined;
    while (isAlphaNumeric((r = next())));
    backup(r);
    const word = input.slice(start, pos);
    if (!atTerminator()) return error(`bad character ${runeU(r ?? '')}`);
    const kw = Object.prototype.hasOwnProperty.call(keywords, word) ? keywords[word] : undefined;
    if (kw && kw !== 'dot') {
      if ((kw === 'break' && !options.breakOK) || (kw === 'continue' && !options.continueOK)) emit('identifier');
      else emit(kw);
    } else if (word === 'true' || word === 'false') emit('bool');
    else emit('identifier');
    return true;
  };

  const lexVariable = (): boolean => {
    if (atTerminator()) {
      emit('variable');
      return true;
    }
    return lexFieldOrVariable('variable');
  };

  const lexFieldOrVariable = (typ: 'field' | 'variable'): boolean => {
    if (atTerminator()) {
      emit(typ === 'variable' ? 'variable' : 'dot');
      return true;
    }
    let r: string | undefined;
    while (isAlphaNumeric((r = next())));
    backup(r);
    if (!atTerminator()) return error(`bad character ${runeU(r ?? '')}`);
    emit(typ);
    return true;
  };

  /** A character constant or an interpreted string, up to its closing quote; escapes and newlines as Go's lexer. */
  const lexQuoted = (closing: string, typ: 'charConstant' | 'string', what: string): boolean => {
    for (;;) {
      let c = next();
      if (c === '\\') {
        c = next();
        if (c !== undefined && c !== '\n') continue;
      }
      if (c === undefined || c === '\n') return error(`unterminated ${what}`);
      if (c === closing) break;
    }
    emit(typ);
    return true;
  };
  const lexChar = () => lexQuoted("'", 'charConstant', 'character constant');
  const lexQuote = () => lexQuoted('"', 'string', 'quoted string');

  const accept = (valid: string): boolean => {
    const c = next();
    if (c !== undefined && valid.includes(c)) return true;
    backup(c);
    return false;
  };
  const acceptRun = (valid: string): void => {
    let c: string | undefined;
    while ((c = next()) !== undefined && valid.includes(c));
    backup(c);
  };
  const scanNumber = (): boolean => {
    accept('+-');
    let digits = '0123456789_';
    if (accept('0')) {
      if (accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (accept('oO')) digits = '01234567_';
      else if (accept('bB')) digits = '01_';
    }
    acceptRun(digits);
    if (accept('.')) acceptRun(digits);
    if (digits.length === 11 && accept('eE')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    if (digits.length === 23 && accept('pP')) {
      accept('+-');
      acceptRun('0123456789_');
    }
    accept('i');
    if (isAlphaNumeric(input[pos])) {
      next();
      return false;
    }
    return true;
  };
  const lexNumber = (): boolean => {
    if (!scanNumber()) return error(`bad number syntax: ${quote(input.slice(start, pos))}`);
    const sign = input[pos];
    if (sign === '+' || sign === '-') {
      if (!scanNumber() || input[pos - 1] !== 'i') return error(`bad number syntax: ${quote(input.slice(start, pos))}`);
      emit('complex');
      return true;
    }
    emit('number');
    return true;
  };

  const lexRawQuote = (): boolean => {
    const x = input.indexOf('`', pos);
    if (x < 0) return error('unterminated raw quoted string');
    pos = x + 1;
    line += countNewlines(input, start, pos);
    emit('rawString');
    return true;
  };

  /** The tokens whose first character inside an action picks their lexer: strings, raw strings, variables, runes. */
  const tokenLexers: Record<string, () => boolean> = { '"': lexQuote, '`': lexRawQuote, $: lexVariable, "'": lexChar };

  while (lexText());
  return items;
}
