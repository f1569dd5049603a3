/**
 * Values coalescing as Helm does it (pkg/chart/common/util): user values over chart defaults, subchart values
 * under their name, `global` pushed down to every subchart, `null` deleting a default (coalesce mode) or kept
 * (merge mode, used when processing dependencies).
 */
import { compareStrings, sprintf } from '@fjord/go-template';
import type { Chart } from './chart';
import { getKey, hasKey, setKey } from './own-keys';
import type { Values } from './values-file';
import { isPlainMap } from './yaml-read';

/** A deep copy of plain data (maps and lists; other values are shared, as Go's copystructure does for scalars). */
export function copyValues<T>(v: T): T {
  if (Array.isArray(v)) return v.map(copyValues) as T;
  if (isPlainMap(v)) {
    const out: Values = {};
    for (const [k, x] of Object.entries(v)) setKey(out, k, copyValues(x));
    return out as T;
  }
  return v;
}

/** CoalesceValues: the chart's values (and its subcharts') under a copy of `vals`; nulls delete defaults. */
export function coalesceValues(chart: Chart, vals: Values | null | undefined): Values {
  return coalesce(chart, copyValues(vals ?? {}), false);
}

/** MergeValues: like {@link coalesceValues} but nulls are kept (used for import-values). */
export function mergeValues(chart: Chart, vals: Values | null | undefined): Values {
  return coalesce(chart, copyValues(vals ?? {}), true);
}

function coalesce(chart: Chart, dest: Values, merge: boolean): Values {
  coalesceChartValues(chart, dest, merge);
  return coalesceDeps(chart, dest, merge);
}

function coalesceDeps(chart: Chart, dest: Values, merge: boolean): Values {
  for (const sub of chart.dependencies) {
    const name = sub.metadata.name;
    if (!hasKey(dest, name)) setKey(dest, name, {});
    else if (!isPlainMap(dest[name])) throw new Error(`type mismatch on ${name}: ${formatBoolVerb(dest[name])}`);
    const dv = dest[name] as Values;
    coalesceGlobals(dv, dest);
    setKey(dest, name, coalesce(sub, dv, merge));
  }
  return dest;
}

/**
 * Go's `fmt.Sprintf("%t", v)` of a value that is not a map, as helm's type-mismatch error prints it: lists and maps
 * element by element (map keys sorted), a nil inside them as `<nil>`, other non-bools as `%!t(type=value)`.
 */
function formatBoolVerb(v: unknown, nested = false): string {
  if (v === null && nested) return '<nil>';
  if (Array.isArray(v)) return `[${v.map((x) => formatBoolVerb(x, true)).join(' ')}]`;
  if (isPlainMap(v)) {
    const keys = Object.keys(v).sort(compareStrings);
    return `map[${keys.map((k) => `${formatBoolVerb(k, true)}:${formatBoolVerb(v[k], true)}`).join(' ')}]`;
  }
  return sprintf('%t', [v]);
}

/** Copies the parent's `global` table into the subchart's values (subchart globals win for scalars). */
function coalesceGlobals(dest: Values, src: Values): void {
  let dg: Values;
  if (!hasKey(dest, 'global')) dg = {};
  else if (isPlainMap(dest.global)) dg = dest.global;
  else return;
  let sg: Values;
  if (!hasKey(src, 'global')) sg = {};
  else if (isPlainMap(src.global)) sg = src.global;
  else return;
  for (const [key, val] of Object.entries(sg)) {
    if (isPlainMap(val)) {
      const vv: Values = { ...val };
      const destv = getKey(dg, key);
      if (!hasKey(dg, key)) setKey(dg, key, vv);
      else if (isPlainMap(destv)) {
        coalesceTables(vv, destv, true);
        setKey(dg, key, vv);
      }
    } else if (!isPlainMap(getKey(dg, key))) setKey(dg, key, val);
  }
  dest.global = dg;
}

function coalesceChartValues(chart: Chart, v: Values, merge: boolean): void {
  const vc = copyValues(chart.values ?? {});
  for (const [key, val] of Object.entries(vc)) {
    if (hasKey(v, key)) {
      const value = v[key];
      if (value === null && !merge) delete v[key];
      else if (isPlainMap(value) && isPlainMap(val)) {
        const childMerge = merge || chart.dependencies.some((d) => d.metadata.name === key);
        if (!childMerge) cleanNilValues(val);
        coalesceTables(value, val, childMerge);
      }
    } else {
      if (!merge) {
        if (val === null) continue;
        if (isPlainMap(val)) cleanNilValues(val);
      }
      setKey(v, key, val);
    }
  }
}

/** CoalesceTables (merge=false) / MergeTables (merge=true): `src` fills in what `dst` lacks, recursively. */
export function coalesceTables(dst: Values | null, src: Values | null, merge = false): Values | null {
  if (src === null) return dst;
  if (dst === null) return src;
  const srcNonNil = new Set(
    Object.entries(src)
      .filter(([, x]) => x !== null)
      .map(([k]) => k),
  );
  for (const [key, val] of Object.entries(dst)) if (val === null) setKey(src, key, null);
  for (const [key, val] of Object.entries(src)) {
    const present = hasKey(dst, key);
    const dv = getKey(dst, key);
    if (present && !merge && dv === null && srcNonNil.has(key)) delete dst[key];
    else if (!present) setKey(dst, key, val);
    else if (isPlainMap(val)) {
      if (isPlainMap(dv)) coalesceTables(dv, val, merge);
    }
  }
  return dst;
}

function cleanNilValues(m: Values): void {
  for (const [key, val] of Object.entries(m)) {
    if (val === null) delete m[key];
    else if (isPlainMap(val)) cleanNilValues(val);
  }
}
