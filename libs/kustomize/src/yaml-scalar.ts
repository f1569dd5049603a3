/** How a string scalar is written. */
export type ScalarStyle = 'plain' | 'single' | 'double' | 'literal';

const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const BOOLS = new Set('y Y yes Yes YES on On ON true True TRUE n N no No NO off Off OFF false False FALSE'.split(' '));
const SPECIAL_FLOATS = new Set(['.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF']);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

/** Whether yaml.v2 would read this plain scalar as something other than a string (so it must be quoted). */
export function resolvesToNonString(s: string): boolean {
  if (NULLS.has(s) || BOOLS.has(s) || SPECIAL_FLOATS.has(s)) return true;
  if (BASE60_FLOAT.test(s)) return true;
  const c = s[0];
  if (c === '.') return YAML_FLOAT.test(s);
  if (!/[-+0-9]/.test(c)) return false;
  if (isTimestamp(s)) return true;
  const plain = s.replace(/_/g, '');
  return isGoInt(plain) || YAML_FLOAT.test(plain) || /^-?0b[01]+$/.test(plain);
}

/** strconv.ParseInt/ParseUint with base 0: decimal, 0x, 0o, 0b, and leading-0 octal. */
function isGoInt(s: string): boolean {
  const body = s.replace(/^[-+]/, '');
  if (/^0[xX][0-9a-fA-F]+$/.test(body) || /^0[oO][0-7]+$/.test(body) || /^0[bB][01]+$/.test(body)) return true;
  if (/^0[0-7]*$/.test(body)) return true;
  return /^[1-9][0-9]*$/.test(body);
}

function isTimestamp(s: string): boolean {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(\.\d+)?(Z|[-+]\d{2}:\d{2})?)?$/.exec(s);
  if (!m) return false;
  const [month, day] = [Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  if (m[4] === undefined) return true;
  if (m[4] === ' ' && m[9] !== undefined) return false;
  if (m[4] !== ' ' && m[9] === undefined) return false;
  return Number(m[5]) < 24 && Number(m[6]) < 60 && Number(m[7]) < 60;
}

interface Analysis {
  multiline: boolean;
  blockPlain: boolean;
  singleQuoted: boolean;
  block: boolean;
}

const isBlankOrEnd = (s: string, i: number): boolean => i >= s.length || s[i] === ' ' || s[i] === '\t' || isBreak(s[i]);
const isBreak = (ch: string): boolean => ch === '\n' || ch === '\r' || ch === '\u0085' || ch === '\u2028' || ch === '\u2029';

/** yaml.v2's printable set (with unicode output enabled): no character past U+FFFF, so an emoji is written `\U0001F44B`. */
export function isPrintable(ch: string): boolean {
  const c = ch.codePointAt(0) ?? 0;
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}

/** The scalar analysis of yaml.v2's emitter: which styles can represent the string. */
function analyze(s: string): Analysis {
  if (s.length === 0) return { multiline: false, blockPlain: true, singleQuoted: true, block: false };
  let blockIndicators = s.startsWith('---') || s.startsWith('...');
  let special = false;
  let lineBreaks = false;
  let [leadingSpace, leadingBreak, trailingSpace, trailingBreak, breakSpace, spaceBreak] = [false, false, false, false, false, false];
  let [prevSpace, prevBreak, precededByWs] = [false, false, true];
  const chars = [...s];
  let pos = 0;
  chars.forEach((ch, i) => {
    const next = pos + ch.length;
    const followedByWs = isBlankOrEnd(s, next);
    if (i === 0) {
      if ('#,[]{}&*!|>\'"%@`'.includes(ch)) blockIndicators = true;
      else if ((ch === '?' || ch === ':' || ch === '-') && followedByWs) blockIndicators = true;
    } else if ((ch === ':' && followedByWs) || (ch === '#' && precededByWs)) blockIndicators = true;
    if (!isPrintable(ch)) special = true;
    if (ch === ' ') {
      if (i === 0) leadingSpace = true;
      if (next === s.length) trailingSpace = true;
      if (prevBreak) breakSpace = true;
      [prevSpace, prevBreak] = [true, false];
    } else if (isBreak(ch)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (next === s.length) trailingBreak = true;
      if (prevSpace) spaceBreak = true;
      [prevSpace, prevBreak] = [false, true];
    } else [prevSpace, prevBreak] = [false, false];
    precededByWs = isBlankOrEnd(s, pos);
    pos = next;
  });
  const a: Analysis = { multiline: lineBreaks, blockPlain: true, singleQuoted: true, block: true };
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) a.blockPlain = false;
  if (trailingSpace) a.block = false;
  if (breakSpace) [a.blockPlain, a.singleQuoted] = [false, false];
  if (spaceBreak || special) [a.blockPlain, a.singleQuoted, a.block] = [false, false, false];
  if (lineBreaks) a.blockPlain = false;
  if (blockIndicators) a.blockPlain = false;
  return a;
}

/** The style yaml.v2 (via sigs.k8s.io/yaml) picks for a string, as a map value/sequence item or as a map key. */
export function chooseStyle(s: string, isKey: boolean): ScalarStyle {
  const a = analyze(s);
  let style: ScalarStyle;
  if (s.includes('\n')) style = 'literal';
  else if (resolvesToNonString(s)) style = 'double';
  else style = 'plain';
  if (style === 'plain') {
    if (!a.blockPlain || (s.length === 0 && isKey)) style = 'single';
  }
  if (style === 'single' && !a.singleQuoted) style = 'double';
  if (style === 'literal' && (!a.block || isKey)) style = 'double';
  return style;
}

const ESCAPES: Record<number, string> = {
  0x00: '0',
  0x07: 'a',
  0x08: 'b',
  0x09: 't',
  0x0a: 'n',
  0x0b: 'v',
  0x0c: 'f',
  0x0d: 'r',
  0x1b: 'e',
  0x22: '"',
  0x5c: '\\',
  0x85: 'N',
  0xa0: '_',
  0x2028: 'L',
  0x2029: 'P',
};

/** The escape yaml.v2 writes for a character inside double quotes, or undefined when it is written as is. */
export function doubleQuoteEscape(ch: string): string | undefined {
  const c = ch.codePointAt(0) ?? 0;
  const needs = !isPrintable(ch) || c === 0xfeff || isBreak(ch) || ch === '"' || ch === '\\';
  if (!needs) return undefined;
  if (ESCAPES[c] !== undefined) return `\\${ESCAPES[c]}`;
  if (c <= 0xff) return `\\x${c.toString(16).toUpperCase().padStart(2, '0')}`;
  if (c <= 0xffff) return `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
  return `\\U${c.toString(16).toUpperCase().padStart(8, '0')}`;
}

/** A number as it comes out of Go's JSON → yaml.v2 round trip: integers plain, other floats in %g form. */
export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return '.nan';
  if (!Number.isFinite(n)) return n > 0 ? '.inf' : '-.inf';
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return BigInt(n).toString();
  const exp = Math.floor(Math.log10(Math.abs(n)));
  const shortest = String(n);
  if (exp < -4 || exp >= 21) return goExponent(n);
  if (exp >= 6) return goExponent(n);
  return shortest.includes('e') ? goExponent(n) : shortest;
}

function goExponent(n: number): string {
  const [mant, e] = n.toExponential().split('e');
  const sign = e.startsWith('-') ? '-' : '+';
  const digits = e.replace(/^[-+]/, '');
  return `${mant}e${sign}${digits.padStart(2, '0')}`;
}

/**
 * A scalar written over an existing field, as kyaml writes it: the new node takes the old node's style, so a number
 * or bool written over a string YAML can only hold quoted (`""`, `"0"`, `'- a'`, a multi-line text) prints quoted and
 * stays a string ("7"). kustomize's replicas transformer and strategic merge patches set fields this way. (A string
 * that could be written plain keeps its source's quoting, which Fjord does not track: it is taken as plain.)
 */
export function scalarOverStyle(current: unknown, next: unknown): unknown {
  const quoted = typeof current === 'string' && chooseStyle(current, false) !== 'plain';
  return quoted && (typeof next === 'number' || typeof next === 'boolean') ? String(next) : next;
}
