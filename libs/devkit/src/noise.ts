import { isDeepStrictEqual } from 'node:util';

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/**
 * Deep equality of `b` with `a`, where the places that differ between two runs of the real tool (`a`, `a2`) need
 * only the same kind: a chart's random passwords, certificates and uuids differ on every render, by helm or Fjord.
 */
export function equalModuloNoise(a: unknown, a2: unknown, b: unknown): boolean {
  if (isDeepStrictEqual(a, a2)) return isDeepStrictEqual(a, b);
  if (Array.isArray(a) && Array.isArray(a2) && Array.isArray(b)) {
    return a.length === b.length && a.length === a2.length && a.every((x, i) => equalModuloNoise(x, a2[i], b[i]));
  }
  if (isObject(a) && isObject(a2) && isObject(b)) {
    const keys = Object.keys(a);
    if (!isDeepStrictEqual(keys, Object.keys(a2)) || !isDeepStrictEqual(keys, Object.keys(b))) return false;
    return keys.every((k) => equalModuloNoise(a[k], a2[k], b[k]));
  }
  return typeof a === typeof b;
}
