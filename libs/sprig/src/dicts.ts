/** Sprig's dict functions, with mergo's merge semantics for merge/mergeOverwrite. */
import { goFunc, goTypeOf, isGoMap, withGoType, type FuncMap, type GoMap, type GoValue } from '@fjord/go-template';
import { empty, strval } from './cast';

const own = (m: GoMap, k: string): boolean => Object.prototype.hasOwnProperty.call(m, k);

/** mergo's isEmptyValue for values inside maps. */
function isEmptyValue(v: GoValue): boolean {
  return empty(v);
}

/** mergo.Merge / MergeWithOverwrite of one map[string]interface{} into another (in place). */
export function mergeInto(dst: GoMap, src: GoMap, overwrite: boolean): void {
  for (const key of Object.keys(src)) {
    const s = src[key];
    const hasDst = own(dst, key);
    const d = dst[key];
    if (s === null || s === undefined) {
      if (overwrite) dst[key] = null;
      continue;
    }
    if (isGoMap(s) && hasDst && isGoMap(d)) mergeInto(d, s, overwrite);
    if (hasDst && !isEmptyValue(d)) {
      if (Array.isArray(s)) {
        if (overwrite) dst[key] = s;
        continue;
      }
      if (isGoMap(s) && isGoMap(d)) continue;
    }
    if (overwrite || !hasDst || isEmptyValue(dst[key])) dst[key] = s;
  }
}

/** merge and mergeOverwrite (their must- twins are the same in Go but for the signature): `srcs` into `dst`. */
const mergeAll =
  (overwrite: boolean) =>
  (dst: GoMap | null, ...srcs: GoMap[]): GoMap => {
    // mergo makes a map for a nil destination; the caller's nil stays nil.
    const into = dst ?? {};
    for (const s of srcs) if (s) mergeInto(into, s, overwrite);
    return into;
  };

/** A deep copy of maps and slices (copystructure.Copy); nil panics in reflect as it does in Go. */
export function deepCopy(v: GoValue): GoValue {
  if (v === null || v === undefined) throw new Error('reflect: call of reflect.Value.Type on zero Value');
  return copyValue(v);
}

function copyValue(v: GoValue): GoValue {
  if (Array.isArray(v)) return v.map(copyValue);
  if (isGoMap(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, copyValue(x)]));
  if (v instanceof Uint8Array) return new Uint8Array(v);
  return v;
}

/** A Go type assertion `v.(T)` on an interface{}: the value, or the panic Go's runtime gives. */
function asserted(v: GoValue, type: string): GoValue {
  const actual = v === null || v === undefined ? 'nil' : goTypeOf(v);
  if (actual !== type) throw new Error(`interface conversion: interface {} is ${actual}, not ${type}`);
  return v;
}

function dig(...ps: GoValue[]): GoValue {
  if (ps.length < 3) throw new Error('dig needs at least three arguments');
  // Go asserts the dict's type first, then each key's, then each step's on the way down.
  const dict = asserted(ps[ps.length - 1], 'map[string]interface {}');
  const def = ps[ps.length - 2];
  const ks = ps.slice(0, -2).map((k) => asserted(k, 'string') as string);
  let cur: GoValue = dict;
  for (let i = 0; i < ks.length; i++) {
    const step = asserted(cur, 'map[string]interface {}') as GoMap;
    if (!own(step, ks[i])) return def;
    cur = step[ks[i]];
  }
  return cur;
}

/** The dict functions by name. */
export const dictFuncs: FuncMap = {
  dict: goFunc('func(...interface {}) map[string]interface {}', (...v: GoValue[]) => {
    const d: GoMap = {};
    for (let i = 0; i < v.length; i += 2) d[strval(v[i])] = i + 1 < v.length ? v[i + 1] : '';
    return d;
  }),
  get: goFunc('func(map[string]interface {}, string) interface {}', (d: GoMap | null, k: string) => (d && own(d, k) ? d[k] : '')),
  set: goFunc('func(map[string]interface {}, string, interface {}) map[string]interface {}', (d: GoMap | null, k: string, v: GoValue) => {
    if (!d) throw new Error('assignment to entry in nil map');
    d[k] = v;
    return d;
  }),
  unset: goFunc('func(map[string]interface {}, string) map[string]interface {}', (d: GoMap | null, k: string) => {
    if (d) delete d[k];
    // A nil map comes back typed: it prints as map[] (Fjord has no typed nil map; an empty one prints the same).
    return d ?? {};
  }),
  hasKey: goFunc('func(map[string]interface {}, string) bool', (d: GoMap | null, k: string) => !!d && own(d, k)),
  pluck: goFunc('func(string, ...map[string]interface {}) []interface {}', (k: string, ...ds: (GoMap | null)[]) =>
    ds.filter((d): d is GoMap => !!d && own(d, k)).map((d) => d[k]),
  ),
  keys: goFunc('func(...map[string]interface {}) []string', (...ds: (GoMap | null)[]) =>
    withGoType(
      ds.flatMap((d) => (d ? Object.keys(d) : [])),
      '[]string',
    ),
  ),
  pick: goFunc('func(map[string]interface {}, ...string) map[string]interface {}', (d: GoMap | null, ...ks: string[]) =>
    Object.fromEntries(ks.filter((k) => d && own(d, k)).map((k) => [k, d![k]])),
  ),
  omit: goFunc('func(map[string]interface {}, ...string) map[string]interface {}', (d: GoMap | null, ...ks: string[]) =>
    Object.fromEntries(Object.entries(d ?? {}).filter(([k]) => !ks.includes(k))),
  ),
  merge: goFunc('func(map[string]interface {}, ...map[string]interface {}) interface {}', mergeAll(false)),
  mustMerge: goFunc('func(map[string]interface {}, ...map[string]interface {}) (interface {}, error)', mergeAll(false)),
  mergeOverwrite: goFunc('func(map[string]interface {}, ...map[string]interface {}) interface {}', mergeAll(true)),
  mustMergeOverwrite: goFunc('func(map[string]interface {}, ...map[string]interface {}) (interface {}, error)', mergeAll(true)),
  values: goFunc('func(map[string]interface {}) []interface {}', (d: GoMap | null) => Object.values(d ?? {})),
  deepCopy: goFunc('func(interface {}) interface {}', deepCopy),
  mustDeepCopy: goFunc('func(interface {}) (interface {}, error)', deepCopy),
  dig: goFunc('func(...interface {}) (interface {}, error)', dig),
};
