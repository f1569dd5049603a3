/**
 * A float map key as sigs.k8s.io/yaml names it in JSON: Go's `strconv.FormatFloat(f, 'g', -1, 32)` (the shortest
 * digits that read back as the same float32, exponent form from 1e+06 and below 1e-04), and `.inf`, `-.inf`, `.nan`.
 * So the key `1.5` is "1.5", `1e3` is "1000" and `123456789.0` is "1.2345679e+08".
 */
export function goFloatKey(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  const x = Math.fround(f);
  if (x === Infinity) return '.inf';
  if (x === -Infinity) return '-.inf';
  const sign = x < 0 || Object.is(x, -0) ? '-' : '';
  if (x === 0) return `${sign}0`;
  const { digits, exp } = shortestFloat32(Math.abs(x));
  if (exp < -4 || exp >= 6) {
    const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    return `${sign}${mantissa}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  }
  if (exp < 0) return `${sign}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return `${sign}${digits}${'0'.repeat(exp + 1 - digits.length)}`;
  return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

/** The fewest significant decimal digits that round to the same float32, and the decimal exponent of the first. */
function shortestFloat32(x: number): { digits: string; exp: number } {
  for (let p = 1; p <= 9; p++) {
    const s = x.toExponential(p - 1);
    if (Math.fround(Number(s)) === x) {
      const [m, e] = s.split('e');
      return { digits: m.replace('.', '').replace(/0+$/, '') || '0', exp: Number(e) };
    }
  }
  const [m, e] = x.toExponential(8).split('e');
  return { digits: m.replace('.', '').replace(/0+$/, ''), exp: Number(e) };
}
