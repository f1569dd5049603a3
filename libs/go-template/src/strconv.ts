/** Go's strconv: float formatting with exact rounding, and string quoting. */

/** Decimal digits of a float: value = 0.digits × 10^dp; digits has no leading or trailing zeros ('' for zero). */
interface Decimal {
  digits: string;
  dp: number;
}

/** The exact decimal expansion of a finite double (every double is a finite decimal). */
function exactDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', dp: 0 };
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, Math.abs(x));
  const bits = view.getBigUint64(0);
  const biased = Number((bits >> 52n) & 0x7ffn);
  let mant = bits & ((1n << 52n) - 1n);
  let exp: number;
  if (biased === 0) exp = -1074;
  else {
    mant |= 1n << 52n;
    exp = biased - 1075;
  }
  let digits: string;
  let dp: number;
  if (exp >= 0) {
    digits = (mant << BigInt(exp)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-exp)).toString();
    dp = digits.length + exp;
  }
  return trim({ digits, dp });
}

function trim(d: Decimal): Decimal {
  let digits = d.digits.replace(/0+$/, '');
  let dp = d.dp;
  const lead = /^0*/.exec(digits)![0].length;
  digits = digits.slice(lead);
  dp -= lead;
  return digits ? { digits, dp } : { digits: '', dp: 0 };
}

/** The shortest decimal that reads back as x (JS and Go agree on it). */
function shortestDecimal(x: number): Decimal {
  if (x === 0) return { digits: '', dp: 0 };
  const [mant, e] = Math.abs(x).toExponential().split('e');
  return trim({ digits: mant.replace('.', ''), dp: Number(e) + 1 });
}

/** Rounds to n significant digits, half to even on the exact value (as strconv does). */
function roundTo(d: Decimal, n: number): Decimal {
  if (n < 0 || d.digits.length <= n) return n < 0 ? { digits: '', dp: 0 } : d;
  const next = d.digits.charCodeAt(n) - 48;
  const rest = d.digits.slice(n + 1);
  const prevOdd = n > 0 && (d.digits.charCodeAt(n - 1) - 48) % 2 === 1;
  const up = next > 5 || (next === 5 && (/[1-9]/.test(rest) || prevOdd));
  let kept = d.digits.slice(0, n);
  let dp = d.dp;
  if (up) {
    let i = kept.length - 1;
    while (i >= 0 && kept[i] === '9') i--;
    if (i < 0) {
      kept = '1';
      dp++;
    } else kept = kept.slice(0, i) + String.fromCharCode(kept.charCodeAt(i) + 1);
  }
  return trim({ digits: kept, dp });
}

function digitAt(d: Decimal, i: number): string {
  return i >= 0 && i < d.digits.length ? d.digits[i] : '0';
}

function fmtE(d: Decimal, prec: number, e: string): string {
  let s = digitAt(d, 0);
  if (prec > 0) {
    s += '.';
    for (let i = 1; i <= prec; i++) s += digitAt(d, i);
  }
  const exp = d.digits.length === 0 ? 0 : d.dp - 1;
  const abs = Math.abs(exp);
  return `${s}${e}${exp < 0 ? '-' : '+'}${abs < 10 ? '0' : ''}${abs}`;
}

function fmtF(d: Decimal, prec: number): string {
  let s = '';
  if (d.dp > 0) {
    for (let i = 0; i < d.dp; i++) s += digitAt(d, i);
  } else s = '0';
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digitAt(d, d.dp + i);
  }
  return s;
}

/** strconv.FormatFloat(x, fmt, prec, 64) for fmt in e, E, f, g, G (prec -1 = shortest). */
export function formatFloat(x: number, fmt: 'e' | 'E' | 'f' | 'g' | 'G', prec: number): string {
  if (Number.isNaN(x)) return 'NaN';
  if (x === Infinity) return '+Inf';
  if (x === -Infinity) return '-Inf';
  const neg = x < 0 || Object.is(x, -0);
  const shortest = prec < 0;
  let d: Decimal;
  if (shortest) {
    d = shortestDecimal(x);
    if (fmt === 'e' || fmt === 'E') prec = Math.max(d.digits.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(d.digits.length - d.dp, 0);
    else prec = d.digits.length;
  } else {
    const exact = exactDecimal(x);
    if (fmt === 'e' || fmt === 'E') d = roundTo(exact, prec + 1);
    else if (fmt === 'f') d = roundTo(exact, exact.dp + prec);
    else {
      if (prec === 0) prec = 1;
      d = roundTo(exact, prec);
    }
  }
  let body: string;
  if (fmt === 'e' || fmt === 'E') body = fmtE(d, prec, fmt);
  else if (fmt === 'f') body = fmtF(d, prec);
  else {
    let eprec = prec;
    if (eprec > d.digits.length && d.digits.length >= d.dp) eprec = d.digits.length;
    if (shortest) eprec = 6;
    const exp = d.dp - 1;
    if (exp < -4 || exp >= eprec) {
      if (prec > d.digits.length) prec = d.digits.length;
      body = fmtE(d, prec - 1, fmt === 'g' ? 'e' : 'E');
    } else {
      if (prec > d.dp) prec = d.digits.length;
      body = fmtF(d, Math.max(prec - d.dp, 0));
    }
  }
  return neg ? `-${body}` : body;
}

const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** Go's unicode.IsPrint (letters, marks, numbers, punctuation, symbols and the ASCII space). */
export function isPrint(r: number): boolean {
  if (r === 0x20) return true;
  if (r < 0x20 || r === 0x7f) return false;
  return printable.test(String.fromCodePoint(r));
}

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** Escapes one rune as strconv.Quote does inside a quote of the given kind. */
function quoteRune(r: number, quote: string, asciiOnly: boolean): string {
  const ch = String.fromCodePoint(r);
  if (ch === quote || ch === '\\') return `\\${ch}`;
  if (asciiOnly ? r < 0x80 && isPrint(r) : isPrint(r)) return ch;
  switch (r) {
    case 7:
      return '\\a';
    case 8:
      return '\\b';
    case 12:
      return '\\f';
    case 10:
      return '\\n';
    case 13:
      return '\\r';
    case 9:
      return '\\t';
    case 11:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return `\\x${hex(r, 2)}`;
  if (r >= 0xd800 && r <= 0xdfff) return '\\ufffd';
  if (r < 0x10000) return `\\u${hex(r, 4)}`;
  return `\\U${hex(r, 8)}`;
}

/** strconv.Quote (or QuoteToASCII): a double-quoted Go string literal. */
export function quote(s: string, asciiOnly = false): string {
  let out = '"';
  for (const ch of s) out += quoteRune(ch.codePointAt(0)!, '"', asciiOnly);
  return `${out}"`;
}

/** strconv.QuoteRune: a single-quoted Go rune literal. */
export function quoteRuneLiteral(r: number, asciiOnly = false): string {
  if (r > 0x10ffff || (r >= 0xd800 && r <= 0xdfff) || r < 0) r = 0xfffd;
  return `'${quoteRune(r, "'", asciiOnly)}'`;
}

/** strconv.CanBackquote. */
export function canBackquote(s: string): boolean {
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    if (r === 0x60 || r === 0xfeff) return false;
    if (r < 0x20 && r !== 9) return false;
    if (r === 0x7f) return false;
  }
  return true;
}

/** strconv.Unquote for "…", `…` and '…' literals; throws `invalid syntax` as Go does. */
export function unquote(text: string): string {
  const q = text[0];
  if (text.length < 2 || text[text.length - 1] !== q) throw new Error('invalid syntax');
  const body = text.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) throw new Error('invalid syntax');
    return body.replace(/\r/g, '');
  }
  if (q !== '"' && q !== "'") throw new Error('invalid syntax');
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === q || c === '\n') throw new Error('invalid syntax');
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    const [s, next] = unquoteEscape(body, i + 1, q);
    out += s;
    i = next;
  }
  if (q === "'" && [...out].length !== 1) throw new Error('invalid syntax');
  return out;
}

function unquoteEscape(body: string, i: number, q: string): [string, number] {
  const c = body[i];
  const simple: Record<string, string> = { a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' };
  if (c in simple) return [simple[c], i + 1];
  if (c === q) return [c, i + 1];
  const widths: Record<string, number> = { x: 2, u: 4, U: 8 };
  if (c in widths) {
    const h = body.slice(i + 1, i + 1 + widths[c]);
    if (h.length !== widths[c] || !/^[0-9a-fA-F]+$/.test(h)) throw new Error('invalid syntax');
    const v = parseInt(h, 16);
    if (c === 'x') return [String.fromCharCode(v), i + 3];
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new Error('invalid syntax');
    return [String.fromCodePoint(v), i + 1 + widths[c]];
  }
  if (c >= '0' && c <= '7') {
    const o = body.slice(i, i + 3);
    if (!/^[0-7]{3}$/.test(o) || parseInt(o, 8) > 255) throw new Error('invalid syntax');
    return [String.fromCharCode(parseInt(o, 8)), i + 3];
  }
  throw new Error('invalid syntax');
}
