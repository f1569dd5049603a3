import { SealingError, SealingErrorReason } from './errors';

/**
 * A float as Go's strconv.FormatFloat(f, 'g', -1, 64) prints it: the shortest digits, in exponent form when the
 * exponent is below -4 or at least 6 (`1e+06`, `1.5e-07`), else plain (`123456`, `0.001`).
 */
export function goFormatFloat(n: number): string {
  if (Number.isNaN(n)) return 'NaN';
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : '-Inf';
  if (n === 0) return Object.is(n, -0) ? '-0' : '0';
  const [digits, exponent] = n.toExponential().split('e');
  const exp = Number(exponent);
  if (exp < -4 || exp >= 6) return `${digits}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  return String(n);
}

/**
 * A value where kubeseal's input has a string field (a name, a label, a stringData item), as kubeseal reads it:
 * Go's YAML-to-JSON step turns a number or boolean bound for a string field into its text (`yes` → "true", `5432`
 * → "5432", `1.5e-7` → "1.5e-07"), and null leaves the field empty. A whole number is printed as Go prints an integer
 * (an integral float such as `1e6` is "1e+06" in Go: a known difference). A map or list is an error naming the field.
 */
export function goString(value: unknown, field: string): string {
  if (typeof value === 'string') return value;
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean' || typeof value === 'bigint') return String(value);
  if (typeof value === 'number') return Number.isSafeInteger(value) ? String(value) : goFormatFloat(value);
  throw new SealingError(SealingErrorReason.InvalidInput, `${field}: expected a string, got ${Array.isArray(value) ? 'a list' : 'a map'}`);
}
