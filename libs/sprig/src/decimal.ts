/**
 * Exact decimal arithmetic as shopspring/decimal does it for Sprig's addf, subf, mulf and divf: each float64 becomes
 * the shortest decimal that reads back as it (NewFromFloat), sums and products are exact, a quotient is rounded half
 * away from zero to 16 decimal places (DivisionPrecision), and the result is the float64 nearest to the decimal.
 */

/** m × 10^e. */
interface Decimal {
  m: bigint;
  e: number;
}

/** The shortest decimal of a float64 (JS prints the same shortest round-trip digits as Go). */
function fromFloat(x: number): Decimal {
  const [mant, exp] = String(x).split(/e/i);
  const [int, frac = ''] = mant.split('.');
  return { m: BigInt(int + frac), e: Number(exp ?? 0) - frac.length };
}

const toFloat = (d: Decimal): number => Number(`${d.m}e${d.e}`);

const pow10 = (n: number): bigint => 10n ** BigInt(n);

function align(a: Decimal, b: Decimal): [bigint, bigint, number] {
  const e = Math.min(a.e, b.e);
  return [a.m * pow10(a.e - e), b.m * pow10(b.e - e), e];
}

/** DivisionPrecision in shopspring/decimal. */
const DIVISION_PRECISION = 16;

function divRound(a: Decimal, b: Decimal): Decimal {
  if (b.m === 0n) throw new Error('decimal division by 0');
  const k = a.e - b.e + DIVISION_PRECISION;
  const num = k >= 0 ? a.m * pow10(k) : a.m;
  const den = k >= 0 ? b.m : b.m * pow10(-k);
  let q = num / den;
  const r = num % den;
  const abs = (v: bigint): bigint => (v < 0n ? -v : v);
  if (2n * abs(r) >= abs(den)) q += num < 0n !== den < 0n ? -1n : 1n;
  return { m: q, e: -DIVISION_PRECISION };
}

/** The decimal operations by name. */
export type DecimalOp = 'add' | 'sub' | 'mul' | 'div';

function apply(op: DecimalOp, a: Decimal, b: Decimal): Decimal {
  switch (op) {
    case 'add': {
      const [x, y, e] = align(a, b);
      return { m: x + y, e };
    }
    case 'sub': {
      const [x, y, e] = align(a, b);
      return { m: x - y, e };
    }
    case 'mul':
      return { m: a.m * b.m, e: a.e + b.e };
    case 'div':
      return divRound(a, b);
  }
}

/** Sprig's execDecimalOp: folds the operation over the values left to right, exactly, then back to float64. */
export function decimalFold(op: DecimalOp, values: number[]): number {
  return toFloat(values.slice(1).reduce((acc, x) => apply(op, acc, fromFloat(x)), fromFloat(values[0])));
}
