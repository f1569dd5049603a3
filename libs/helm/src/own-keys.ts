/**
 * Values maps are plain JavaScript objects, where `constructor`, `toString` and `__proto__` are inherited names
 * (and assigning `__proto__` sets the prototype). In Go they are keys like any other: these read and write own
 * properties only.
 */
import type { Values } from './values-file';

/** Whether `m` has its own key `k` (Go's `_, ok := m[k]`). */
export const hasKey = (m: Values, k: string): boolean => Object.hasOwn(m, k);

/** `m[k]` if `m` has that key of its own, else undefined. */
export const getKey = (m: Values, k: string): unknown => (Object.hasOwn(m, k) ? m[k] : undefined);

/** `m[k] = v` as an own property, `__proto__` included. */
export function setKey(m: Values, k: string, v: unknown): void {
  if (k === '__proto__') Object.defineProperty(m, k, { value: v, writable: true, enumerable: true, configurable: true });
  else m[k] = v;
}
