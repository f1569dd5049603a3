/**
 * strconv.FormatFloat's binary formats of a float64: `x`/`X` (hexadecimal mantissa and binary exponent,
 * `-0x1.8p+01`) and `b` (decimal mantissa and binary exponent, `6755399441055744p-52`), as fmt's %x, %X and %b print
 * floats.
 */

const MANT_BITS = 52n;
const MASK64 = (1n << 64n) - 1n;

/** The float's sign, integer mantissa and binary exponent as FormatFloat splits them (value = mant × 2^(exp−52)). */
function split(x: number): { neg: boolean; mant: bigint; exp: number } {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const neg = bits >> 63n === 1n;
  let exp = Number((bits >> MANT_BITS) & 0x7ffn);
  let mant = bits & ((1n << MANT_BITS) - 1n);
  if (exp === 0) exp++;
  else mant |= 1n << MANT_BITS;
  return { neg, mant, exp: exp - 1023 };
}

/** FormatFloat(x, 'b', -1, 64). */
export function formatFloatBinary(x: number): string {
  const { neg, mant, exp } = split(x);
  const e = exp - Number(MANT_BITS);
  return `${neg ? '-' : ''}${mant}p${e >= 0 ? '+' : '-'}${Math.abs(e)}`;
}

/** FormatFloat(x, 'x' or 'X', prec, 64); prec −1 is the shortest exact form. */
export function formatFloatHex(x: number, verb: 'x' | 'X', prec: number): string {
  const s = split(x);
  let { mant, exp } = s;
  if (mant === 0n) exp = 0;
  mant = (mant << (60n - MANT_BITS)) & MASK64;
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant = (mant << 1n) & MASK64;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant = (mant << (60n - shift)) & MASK64;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const digits = verb === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
  let out = `${s.neg ? '-' : ''}0${verb}${(mant >> 60n) & 1n}`;
  mant = (mant << 4n) & MASK64;
  if ((prec < 0 && mant !== 0n) || prec > 0) {
    out += '.';
    for (let i = 0; prec < 0 ? mant !== 0n : i < prec; i++) {
      out += digits[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & MASK64;
    }
  }
  const e = Math.abs(exp);
  return `${out}${verb === 'X' ? 'P' : 'p'}${exp < 0 ? '-' : '+'}${String(e).padStart(2, '0')}`;
}
