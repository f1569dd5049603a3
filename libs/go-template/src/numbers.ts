/** Number literals as Go's parse.newNumber reads them: which of int, uint, float and complex a literal can be. */
import { quote, unquote } from './strconv';

/** The numeric readings of a literal. */
export interface NumberValue {
  text: string;
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int: bigint;
  uint: bigint;
  float: number;
  /** The complex value of an imaginary literal (when isComplex). */
  real: number;
  imag: number;
}

const MAX_INT64 = (1n << 63n) - 1n;
const MIN_INT64 = -(1n << 63n);
const MAX_UINT64 = (1n << 64n) - 1n;

/** Go's underscoreOK: underscores only between digits (or after a base prefix). */
function underscoreOK(s: string): boolean {
  if (!s.includes('_')) return true;
  let i = 0;
  if (s[0] === '+' || s[0] === '-') i++;
  let saw = '^';
  let hex = false;
  if (s.length - i >= 2 && s[i] === '0' && /[xXbBoO]/.test(s[i + 1])) {
    hex = /[xX]/.test(s[i + 1]);
    i += 2;
    saw = '0';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
      continue;
    }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

/** strconv.ParseInt/ParseUint with base 0; undefined on syntax or range error. */
function parseGoInteger(text: string, unsigned: boolean): bigint | undefined {
  let s = text;
  let neg = false;
  if (s[0] === '+' || s[0] === '-') {
    if (unsigned) return undefined;
    neg = s[0] === '-';
    s = s.slice(1);
  }
  if (!underscoreOK(s)) return undefined;
  let base = 10;
  let digits = s;
  if (/^0[xX]/.test(s)) [base, digits] = [16, s.slice(2)];
  else if (/^0[bB]/.test(s)) [base, digits] = [2, s.slice(2)];
  else if (/^0[oO]/.test(s)) [base, digits] = [8, s.slice(2)];
  else if (/^0./.test(s)) [base, digits] = [8, s.slice(1)];
  digits = digits.replace(/_/g, '');
  const valid = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ }[base]!;
  if (!valid.test(digits)) return undefined;
  const prefix = { 2: '0b', 8: '0o', 10: '', 16: '0x' }[base]!;
  let v = BigInt(prefix + digits);
  if (neg) v = -v;
  if (unsigned ? v > MAX_UINT64 : v > MAX_INT64 || v < MIN_INT64) return undefined;
  return v;
}

/** strconv.ParseFloat for the number syntaxes the lexer admits; undefined on a syntax or range error. */
function parseGoFloat(text: string): number | undefined {
  if (!underscoreOK(text)) return undefined;
  const s = text.replace(/_/g, '');
  if (/^[+-]?0[xX]/.test(s)) {
    const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(s);
    if (!m || (m[2] + (m[3] ?? '')).length === 0) return undefined;
    const mant = parseInt(m[2] || '0', 16) + (m[3] ? parseInt(m[3], 16) / 16 ** m[3].length : 0);
    const v = mant * 2 ** Number(m[4]);
    return finite(m[1] === '-' ? -v : v);
  }
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(s)) return undefined;
  return finite(Number(s));
}

/** ParseFloat fails with ErrRange past the largest float64 (underflow to 0 is no error). */
const finite = (v: number): number | undefined => (Number.isFinite(v) ? v : undefined);

/** Reads a number, char or complex literal; returns an error message string on failure. */
export function parseNumber(text: string, typ: 'number' | 'charConstant' | 'complex'): NumberValue | string {
  const n: NumberValue = { text, isInt: false, isUint: false, isFloat: false, isComplex: false, int: 0n, uint: 0n, float: 0, real: 0, imag: 0 };
  if (typ === 'charConstant') {
    let s: string;
    try {
      s = unquote(text);
    } catch {
      return text.length > 2 && !text.slice(1, -1).startsWith('\\') ? `malformed character constant: ${text}` : 'invalid syntax';
    }
    const r = BigInt(s.codePointAt(0)!);
    return { ...n, isInt: true, isUint: true, isFloat: true, int: r, uint: r, float: Number(r) };
  }
  if (typ === 'complex' || text.endsWith('i')) {
    const m = /^(.*?)([+-][^+-]*)?i$/.exec(text);
    const real = typ === 'complex' && m?.[2] ? parseGoFloat(m[1]) : 0;
    const imag = parseGoFloat(typ === 'complex' && m?.[2] ? m[2] : text.slice(0, -1));
    if (real === undefined || imag === undefined) return `illegal number syntax: ${quote(text)}`;
    [n.isComplex, n.real, n.imag] = [true, real, imag];
    n.isFloat = imag === 0;
    if (n.isFloat) {
      n.float = real;
      n.isInt = Number.isInteger(real);
      if (n.isInt) n.int = BigInt(real);
    }
    return n;
  }
  const u = parseGoInteger(text, true);
  if (u !== undefined) [n.isUint, n.uint] = [true, u];
  const i = parseGoInteger(text, false);
  if (i !== undefined) {
    [n.isInt, n.int] = [true, i];
    if (i === 0n) [n.isUint, n.uint] = [true, 0n];
  }
  if (n.isInt) [n.isFloat, n.float] = [true, Number(n.int)];
  else if (n.isUint) [n.isFloat, n.float] = [true, Number(n.uint)];
  else {
    const f = parseGoFloat(text);
    if (f !== undefined) {
      if (!/[.eEpP]/.test(text)) return `integer overflow: ${quote(text)}`;
      [n.isFloat, n.float] = [true, f];
      if (Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) [n.isInt, n.int] = [true, BigInt(f)];
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) [n.isUint, n.uint] = [true, BigInt(f)];
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) return `illegal number syntax: ${quote(text)}`;
  return n;
}
