import { isObject, type Json } from './json';

const decimalSuffixes: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const binarySuffixes = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const QUANTITY = /^([+-]?)(\d+(?:\.\d*)?|\.\d+)(?:(Ki|Mi|Gi|Ti|Pi|Ei)|([eE][+-]?\d+)|(n|u|m|k|M|G|T|P|E)?)$/;

/**
 * The canonical form the API server stores a resource quantity in (`0.5` → `500m`, `1024Mi` → `1Gi`, `1000m` →
 * `1`), or undefined when the text is not a quantity. Lets the built-in normalisation compare desired quantities
 * with live ones without a dry run.
 */
export function canonicalQuantity(text: string): string | undefined {
  const m = QUANTITY.exec(text);
  if (!m) return undefined;
  const [, sign, digits, binary, exponent, decimal] = m;
  const [whole, frac = ''] = digits.split('.');
  let num = BigInt((whole || '0') + frac) * (sign === '-' ? -1n : 1n);
  let scale = -frac.length;
  if (binary) num *= 1024n ** BigInt(binarySuffixes.indexOf(binary));
  else if (exponent) scale += Number(exponent.slice(1));
  else scale += decimalSuffixes[decimal ?? ''];
  if (num === 0n) return '0';
  while (num % 10n === 0n) {
    num /= 10n;
    scale++;
  }
  if (binary && scale >= 0) {
    const value = num * 10n ** BigInt(scale);
    if (value >= 1024n || value <= -1024n) {
      let k = 0;
      let mantissa = value;
      while (k < 6 && mantissa % 1024n === 0n) {
        mantissa /= 1024n;
        k++;
      }
      return `${mantissa}${binarySuffixes[k]}`;
    }
  }
  return formatDecimal(num, scale, Boolean(exponent));
}

function formatDecimal(num: bigint, scale: number, exponentForm: boolean): string {
  let exp = Math.floor(scale / 3) * 3;
  if (exp < -9) {
    // Below nano the API server rounds up (away from zero) to a whole number of nanos.
    const divisor = 10n ** BigInt(-9 - scale);
    const rounded = num / divisor + (num % divisor === 0n ? 0n : num > 0n ? 1n : -1n);
    return formatDecimal(rounded, -9, exponentForm);
  }
  if (!exponentForm && exp > 18) exp = 18;
  const mantissa = num * 10n ** BigInt(scale - exp);
  if (exponentForm) return exp === 0 ? `${mantissa}` : `${mantissa}e${exp}`;
  const suffix = Object.entries(decimalSuffixes).find(([, e]) => e === exp)![0];
  return `${mantissa}${suffix}`;
}

/** Fields whose values are maps of resource quantities (container resources, quotas, capacities). */
const quantityMaps = new Set(['limits', 'requests', 'hard', 'capacity', 'allocatable', 'overhead']);

/** Rewrites every resource-quantity value under the known quantity maps to its canonical form, in place. */
export function canonicalizeQuantities(value: Json, field?: string): void {
  if (Array.isArray(value)) return value.forEach((item) => canonicalizeQuantities(item));
  if (!isObject(value)) return;
  for (const [key, child] of Object.entries(value)) {
    if (field !== undefined && quantityMaps.has(field) && (typeof child === 'string' || typeof child === 'number')) {
      value[key] = canonicalQuantity(String(child)) ?? child;
    } else if (key === 'sizeLimit' && (typeof child === 'string' || typeof child === 'number')) {
      value[key] = canonicalQuantity(String(child)) ?? child;
    } else {
      canonicalizeQuantities(child, key);
    }
  }
}
