/** Value conversions as Sprig does them: spf13/cast for numbers, Sprig's strval and empty. */
import { GoComplex, GoInt, GoStruct, decodeUtf8, formatValue, intOf, isGoInt, isGoMap, type GoValue } from '@fjord/go-template';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

/** Go's int64(float64) conversion (amd64: out of range or NaN gives the minimum int64). */
export function floatToInt64(f: number): bigint {
  if (!Number.isFinite(f) || f >= 2 ** 63 || f < -(2 ** 63)) return INT64_MIN;
  return BigInt(Math.trunc(f));
}

/** cast's trimZeroDecimal: "5.000" → "5". */
function trimZeroDecimal(s: string): string {
  let foundZero = false;
  for (let i = s.length; i > 0; i--) {
    const c = s[i - 1];
    if (c === '.') return foundZero ? s.slice(0, i - 1) : s;
    if (c === '0') foundZero = true;
    else return s;
  }
  return s;
}

/** strconv.ParseInt(s, 0, 64); undefined when invalid. */
export function parseIntBase0(s: string): bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F_]+|0[bB][01_]+|0[oO][0-7_]+|0[0-7_]*|[1-9][0-9_]*)$/.exec(s);
  if (!m) return undefined;
  let body = m[2];
  if (body.includes('_')) {
    if (/__|_$|^[1-9]?_|^0[xXbBoO]?$/.test(body) && !/^0[xXbBoO]_/.test(body)) return undefined;
    body = body.replace(/_/g, '');
  }
  let v: bigint;
  if (/^0[0-7]+$/.test(body)) v = BigInt('0o' + body.slice(1));
  else v = BigInt(body.replace(/^0[oO]/, '0o'));
  if (m[1] === '-') v = -v;
  return v < INT64_MIN || v > INT64_MAX ? undefined : v;
}

/** cast.ToInt64 (errors become 0). */
export function toInt64(v: GoValue): bigint {
  if (isGoInt(v)) return intOf(v);
  if (typeof v === 'number') return floatToInt64(v);
  if (typeof v === 'string') return parseIntBase0(trimZeroDecimal(v)) ?? 0n;
  if (typeof v === 'boolean') return v ? 1n : 0n;
  return 0n;
}

/** strconv.ParseFloat(s, 64); undefined when invalid. */
export function parseFloat64(s: string): number | undefined {
  const t = s.replace(/_/g, '');
  if (/^[+-]?(inf|infinity)$/i.test(t)) return t.startsWith('-') ? -Infinity : Infinity;
  if (/^nan$/i.test(t)) return NaN;
  if (/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  if (/^[+-]?0[xX]/.test(t)) {
    const m = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?(?:[pP]([+-]?\d+))?$/.exec(t);
    if (!m || !(m[2] + (m[3] ?? ''))) return undefined;
    const v = (parseInt(m[2] || '0', 16) + (m[3] ? parseInt(m[3], 16) / 16 ** m[3].length : 0)) * 2 ** Number(m[4] ?? 0);
    return m[1] === '-' ? -v : v;
  }
  return undefined;
}

/** cast.ToFloat64 (errors become 0). */
export function toFloat64(v: GoValue): number {
  if (isGoInt(v)) return Number(intOf(v));
  if (typeof v === 'number') return v;
  if (typeof v === 'string') return parseFloat64(v) ?? 0;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return 0;
}

const plain = { plus: false, minus: false, sharp: false, space: false, zero: false };

/** Sprig's strval: strings as is, []byte decoded, errors and Stringers by their text, else fmt %v. */
export function strval(v: GoValue): string {
  if (typeof v === 'string') return v;
  if (v instanceof Uint8Array) return decodeUtf8(v);
  if (v instanceof Error) return v.message;
  if (v instanceof GoStruct && v.stringer) return v.stringer();
  if (v === undefined || v === null) return '<nil>';
  return formatValue(v, 'v', plain, 0);
}

/** Sprig's empty: nil, false, 0, "" and empty collections; structs are never empty. */
export function empty(v: GoValue): boolean {
  if (v === undefined || v === null) return true;
  switch (typeof v) {
    case 'string':
      return v.length === 0;
    case 'boolean':
      return !v;
    case 'number':
      return v === 0;
    case 'bigint':
      return v === 0n;
    case 'function':
      return false;
  }
  if (v instanceof GoInt) return v.value === 0n;
  if (v instanceof GoComplex) return v.real === 0 && v.imag === 0;
  if (v instanceof GoStruct) return false;
  if (Array.isArray(v) || v instanceof Uint8Array) return v.length === 0;
  if (isGoMap(v)) return Object.keys(v).length === 0;
  return false;
}

/** A Go slice as a JS array (arrays and []byte), or undefined for other kinds. */
export function asList(v: GoValue): GoValue[] | undefined {
  if (Array.isArray(v)) return v;
  if (v instanceof Uint8Array) return Array.from(v, (b) => new GoInt(BigInt(b), 'uint8'));
  return undefined;
}

/** Go's reflect.DeepEqual over the value model. */
export function deepEqual(a: GoValue, b: GoValue): boolean {
  if (a === b) return true;
  if (a === null || b === null || a === undefined || b === undefined) return (a ?? null) === (b ?? null);
  if (isGoInt(a) && isGoInt(b)) {
    const ta = a instanceof GoInt ? a.type : 'int';
    const tb = b instanceof GoInt ? b.type : 'int';
    return ta === tb && intOf(a) === intOf(b);
  }
  if (a instanceof GoComplex && b instanceof GoComplex) return a.real === b.real && a.imag === b.imag;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (a instanceof Uint8Array && b instanceof Uint8Array) return a.length === b.length && a.every((x, i) => x === b[i]);
  if (isGoMap(a) && isGoMap(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}
