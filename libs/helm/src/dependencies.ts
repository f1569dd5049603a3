/**
 * Dependency processing before rendering (Helm's ProcessDependencies): aliases, `condition` and `tags` decide
 * which subcharts stay, then `import-values` pull subchart values into the parent.
 */
import { checkConstraints, parseConstraints, parseVersion } from '@fjord/sprig';
import type { Chart, ChartDependency } from './chart';
import { coalesceTables, coalesceValues, copyValues, mergeValues } from './coalesce';
import type { Values } from './values-file';
import { getKey, hasKey } from './own-keys';
import { isPlainMap } from './yaml-read';

/** Masterminds' IsCompatibleRange: false when either side does not parse. */
export function isCompatibleRange(constraint: string, version: string): boolean {
  try {
    return checkConstraints(parseConstraints(constraint), parseVersion(version));
  } catch {
    return false;
  }
}

/** A copy of a chart tree that can be mutated by dependency processing (files and templates are shared). */
export function cloneChart(chart: Chart, parent?: Chart): Chart {
  const copy: Chart = {
    ...chart,
    parent,
    metadata: { ...chart.metadata, dependencies: chart.metadata.dependencies.map((d) => ({ ...d, tags: [...d.tags], importValues: [...d.importValues] })) },
    values: copyValues(chart.values),
    dependencies: [],
  };
  copy.dependencies = chart.dependencies.map((d) => cloneChart(d, copy));
  return copy;
}

/** Values.Table: walks a dotted path of maps; undefined when a step is missing or not a map. */
export function valuesTable(v: Values, path: string): Values | undefined {
  let cur: Values = v;
  for (const part of path.split('.')) {
    const next = getKey(cur, part);
    if (!isPlainMap(next)) return undefined;
    cur = next;
  }
  return cur;
}

/** Values.PathValue: the non-map value at a dotted path, or undefined. */
function pathValue(v: Values, path: string): unknown {
  const parts = path.split('.');
  const key = parts.pop() as string;
  const table = parts.length ? valuesTable(v, parts.join('.')) : v;
  if (!table || !hasKey(table, key) || isPlainMap(table[key])) return undefined;
  return table[key];
}

/**
 * The values the templates see, as helm's install action makes them: dependencies processed with the user's values
 * (which changes `chart`: pass a clone), then everything coalesced. Errors read as helm's.
 */
export function renderValues(chart: Chart, userValues: Values): Values {
  try {
    processDependencies(chart, userValues);
  } catch (e) {
    throw new Error(`chart dependencies processing failed: ${(e as Error).message}`, { cause: e });
  }
  return coalesceValues(chart, userValues);
}

/** Runs Helm's dependency processing on a (cloned) chart tree with the user's values. */
export function processDependencies(chart: Chart, userValues: Values): void {
  processEnabled(chart, userValues, '');
  processImportValuesTree(chart);
}

function aliasDependency(charts: Chart[], dep: ChartDependency): Chart | undefined {
  const c = charts.find((x) => x.metadata.name === dep.name && isCompatibleRange(dep.version, x.metadata.version));
  if (!c) return undefined;
  const out: Chart = { ...c, metadata: { ...c.metadata, dependencies: c.metadata.dependencies.map((d) => ({ ...d })) } };
  out.dependencies = c.dependencies.map((d) => ({ ...d, parent: out }));
  if (dep.alias) out.metadata.name = dep.alias;
  return out;
}

function applyTags(reqs: ChartDependency[], cvals: Values): void {
  const vt = valuesTable(cvals, 'tags');
  if (!vt) return;
  for (const r of reqs) {
    let hasTrue = false;
    let hasFalse = false;
    for (const k of r.tags) {
      const b = getKey(vt, k);
      if (b === true) hasTrue = true;
      else if (b === false) hasFalse = true;
    }
    if (!hasTrue && hasFalse) r.enabled = false;
    else r.enabled = true;
  }
}

function applyConditions(reqs: ChartDependency[], cvals: Values, path: string): void {
  for (const r of reqs) {
    for (const c of r.condition.trim().split(',')) {
      if (!c) continue;
      const vv = pathValue(cvals, path + c);
      if (typeof vv === 'boolean') {
        r.enabled = vv;
        break;
      }
    }
  }
}

/** Whether Helm sees a dependency list (a non-nil Metadata.Dependencies): only then it processes dependencies. */
const listsDependencies = (c: Chart): boolean => c.metadata.dependenciesListed ?? c.metadata.dependencies.length > 0;

function processEnabled(c: Chart, v: Values, path: string): void {
  if (!listsDependencies(c)) return;
  const reqs = c.metadata.dependencies;
  const kept = c.dependencies.filter(
    (existing) => !reqs.some((r) => existing.metadata.name === r.name && isCompatibleRange(r.version, existing.metadata.version)),
  );
  const original = c.dependencies;
  for (const req of reqs) {
    const aliased = aliasDependency(original, req);
    if (aliased) {
      aliased.parent = c;
      kept.push(aliased);
    }
    if (req.alias) req.name = req.alias;
  }
  c.dependencies = kept;
  for (const r of reqs) r.enabled = true;
  const cvals = coalesceValues(c, v);
  applyTags(reqs, cvals);
  applyConditions(reqs, cvals, path);
  const disabled = new Set(reqs.filter((r) => !r.enabled).map((r) => r.name));
  const cd = c.dependencies.filter((n) => !disabled.has(n.metadata.name));
  c.metadata.dependencies = reqs.filter((n) => !disabled.has(n.name));
  // Helm rebuilds the list by appending to nil: with nothing left it is nil again.
  c.metadata.dependenciesListed = c.metadata.dependencies.length > 0;
  for (const t of cd) processEnabled(t, cvals, `${path}${t.metadata.name}.`);
  c.dependencies = cd;
}

function pathToMap(path: string, data: Values): Values {
  if (path === '.') return data;
  return path.split('.').reduceRight<Values>((acc, k) => ({ [k]: acc }), data);
}

function processImportValues(c: Chart): void {
  if (!listsDependencies(c)) return;
  const cvals = mergeValues(c, null);
  let b: Values = {};
  for (const r of c.metadata.dependencies) {
    const out: unknown[] = [];
    for (const riv of r.importValues) {
      if (isPlainMap(riv)) {
        const child = goSprint(riv.child);
        const parent = goSprint(riv.parent);
        out.push({ child, parent });
        const vv = valuesTable(cvals, `${r.name}.${child}`);
        if (vv) b = coalesceTables(b, pathToMap(parent, copyValues(vv)), true) as Values;
      } else if (typeof riv === 'string') {
        const child = `exports.${riv}`;
        out.push({ child, parent: '.' });
        const vm = valuesTable(cvals, `${r.name}.${child}`);
        if (vm) b = coalesceTables(b, copyValues(vm), true) as Values;
      }
    }
    r.importValues = out;
  }
  c.values = coalesceTables(copyValues(cvals), b, true) as Values;
}

function goSprint(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  return String(v);
}

function processImportValuesTree(c: Chart): void {
  for (const d of c.dependencies) processImportValuesTree(d);
  processImportValues(c);
}
