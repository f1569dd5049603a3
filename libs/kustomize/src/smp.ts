import { isMap } from './field-spec';
import { isKnownType, listStrategy, type ListStrategy } from './smp-schema';
import { scalarOverStyle } from './yaml-scalar';

const DIRECTIVE = '$patch';

/**
 * Applies a strategic merge patch the way kustomize (kyaml merge2) does: maps merge, `null` deletes, lists of
 * built-in kinds merge by their merge keys (patched elements first, then the rest), other lists are replaced;
 * `$patch: delete|replace` directives. Returns the patched object, or null when the patch deletes it.
 */
export function applyStrategicMerge(target: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> | null {
  const directive = patch[DIRECTIVE];
  if (directive === 'delete') return null;
  if (directive === 'replace') return clean(patch) as Record<string, unknown>;
  const ctx: Ctx = { kind: String(target.kind ?? ''), known: isKnownType(target.apiVersion, target.kind) };
  return mergeMaps(target, patch, [], ctx);
}

interface Ctx {
  kind: string;
  known: boolean;
}

function mergeMaps(dest: Record<string, unknown>, patch: Record<string, unknown>, path: string[], ctx: Ctx): Record<string, unknown> {
  for (const [key, pv] of Object.entries(patch)) {
    if (key === DIRECTIVE) continue;
    if (pv === null || pv === undefined) {
      delete dest[key];
      continue;
    }
    const dv = dest[key];
    if (isMap(pv)) {
      const d = pv[DIRECTIVE];
      if (d === 'delete') delete dest[key];
      else if (d === 'replace') dest[key] = clean(pv);
      else dest[key] = isMap(dv) ? mergeMaps(dv, pv, [...path, key], ctx) : cleanAt(pv, [...path, key], ctx);
    } else if (Array.isArray(pv)) {
      const strategy: ListStrategy = ctx.known ? listStrategy(ctx.kind, [...path, key]) : { type: 'replace' };
      const merged = Array.isArray(dv) ? mergeLists(dv, pv, strategy, [...path, key], ctx) : (cleanAt(pv, [...path, key], ctx) as unknown[]);
      if (merged === undefined) delete dest[key];
      else dest[key] = merged;
    } else {
      dest[key] = scalarOverStyle(dv, pv);
    }
  }
  return dest;
}

function mergeLists(dest: unknown[], patch: unknown[], strategy: ListStrategy, path: string[], ctx: Ctx): unknown[] | undefined {
  const directives = patch.filter((e) => isMap(e) && DIRECTIVE in e && Object.keys(e).length === 1);
  const items = patch.filter((e) => !directives.includes(e));
  if (directives.some((d) => (d as Record<string, unknown>)[DIRECTIVE] === 'replace')) return clean(items) as unknown[];
  if (directives.some((d) => (d as Record<string, unknown>)[DIRECTIVE] === 'delete')) return undefined;
  // A list with no merge strategy (no schema for it) is replaced by the patch's list as written: kustomize keeps even
  // a `$patch: delete` element there.
  if (strategy.type === 'replace') return structuredClone(items);
  if (strategy.type === 'primitive') {
    const out: unknown[] = [];
    for (const v of [...items, ...dest]) if (!out.includes(v)) out.push(v);
    return out;
  }
  return mergeKeyed(dest, items, strategy.keys, path, ctx);
}

function keyTuple(e: unknown, keys: readonly string[]): string[] {
  return keys.map((k) => (isMap(e) && e[k] !== undefined && e[k] !== null ? String(e[k]) : ''));
}

/** Two key tuples name the same element when they agree wherever both are set, and agree somewhere. */
function sameKey(a: string[], b: string[]): boolean {
  let common = false;
  for (let i = 0; i < a.length; i++) {
    if (a[i] === b[i]) common = common || a[i] !== '';
    else if (a[i] !== '' && b[i] !== '') return false;
  }
  return common;
}

function mergeKeyed(dest: unknown[], patch: unknown[], keys: readonly string[], path: string[], ctx: Ctx): unknown[] {
  const out: unknown[] = [];
  const usedDest = new Set<number>();
  const keyless = (e: unknown): boolean => keyTuple(e, keys).every((v) => v === '');
  for (const p of patch) {
    if (keyless(p)) continue;
    const t = keyTuple(p, keys);
    const di = dest.findIndex((d, i) => !usedDest.has(i) && !keyless(d) && sameKey(keyTuple(d, keys), t));
    if (di >= 0) usedDest.add(di);
    if (isMap(p) && p[DIRECTIVE] === 'delete') continue;
    if (di >= 0 && isMap(dest[di]) && isMap(p)) {
      if (p[DIRECTIVE] === 'replace') out.push(clean(p));
      else out.push(mergeMaps(dest[di] as Record<string, unknown>, p, path, ctx));
    } else out.push(clean(p));
  }
  dest.forEach((d, i) => {
    if (!usedDest.has(i)) out.push(d);
  });
  return out;
}

/** A copy of patch content with directives and nulls removed (what lands where the target had nothing). */
/**
 * A patch value added where the object has nothing: directives and nulls dropped, except inside a list with no merge
 * strategy, which kustomize copies as written (`$patch: delete` elements included).
 */
function cleanAt(v: unknown, path: string[], ctx: Ctx): unknown {
  if (Array.isArray(v)) {
    const strategy: ListStrategy = ctx.known ? listStrategy(ctx.kind, path) : { type: 'replace' };
    if (strategy.type === 'replace') return structuredClone(v);
    return v.filter((e) => !(isMap(e) && e[DIRECTIVE] === 'delete')).map((e) => cleanAt(e, path, ctx));
  }
  if (!isMap(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === DIRECTIVE || x === null) continue;
    out[k] = cleanAt(x, [...path, k], ctx);
  }
  return out;
}

function clean(v: unknown): unknown {
  if (Array.isArray(v)) return v.filter((e) => !(isMap(e) && e[DIRECTIVE] === 'delete')).map(clean);
  if (!isMap(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    if (k === DIRECTIVE || x === null) continue;
    out[k] = clean(x);
  }
  return out;
}
