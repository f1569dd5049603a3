/** Fjord's side of a helm-values case: the same steps `renderChart` takes before templates run. */
import { GoInt } from '@fjord/go-template';
import { emptyMetadata, loadValues, mergeValueFlags, renderValues, type Chart, type ChartMetadata, type Values } from '@fjord/helm';
import { valuesFileYaml, type ChartCase, type ValuesCase } from './values-case';

/** What one side made of a case: the merged user values and the coalesced values (tagged), or the step's error. */
export interface ValuesOutcome {
  user?: unknown;
  userError?: string;
  values?: unknown;
  error?: string;
}

function metadata(c: ChartCase): ChartMetadata {
  return {
    ...emptyMetadata(),
    name: c.name,
    version: c.version,
    apiVersion: 'v2',
    dependencies: (c.reqs ?? []).map((r) => ({ ...r, tags: [...r.tags], repository: '', enabled: false, importValues: [] })),
    dependenciesListed: c.reqs !== null,
  };
}

/** The case's chart as Fjord's loader would give it (values through a JSON round trip, as from values.yaml). */
function fjordChart(c: ChartCase, parent?: Chart): Chart {
  const chart: Chart = {
    metadata: metadata(c),
    values: JSON.parse(JSON.stringify(c.values)) as Values,
    templates: [],
    files: [],
    dependencies: [],
    parent,
    source: c.name,
    fromDirectory: true,
  };
  chart.dependencies = c.deps.map((d) => fjordChart(d, chart));
  return chart;
}

/** Runs a case through Fjord: value flags merged, then the values `renderChart` gives the templates. */
export function fjordValues(c: ValuesCase): ValuesOutcome {
  let user: Values;
  try {
    user = mergeValueFlags({
      valueFiles: c.files.map((f) => loadValues(valuesFileYaml(f))),
      set: c.set,
      setString: c.setString,
      setFile: c.setFile,
      readFile: (path) => {
        if (!Object.hasOwn(c.readable, path)) throw new Error(`open ${path}: no such file or directory`);
        return c.readable[path];
      },
    });
  } catch (e) {
    return { userError: (e as Error).message };
  }
  const out: ValuesOutcome = { user: tagged(user) };
  try {
    return { ...out, values: tagged(renderValues(fjordChart(c.chart), user)) };
  } catch (e) {
    return { ...out, error: (e as Error).message };
  }
}

/** Values as the oracle writes them, keeping Go's types apart: maps {m}, int64 {i}, float64 {f}. */
export function tagged(v: unknown): unknown {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return v;
  if (typeof v === 'number') return { f: v };
  if (v instanceof GoInt) return v.type === 'int64' ? { i: v.value.toString() } : { '?': `${v.type} ${v.value}` };
  if (Array.isArray(v)) return Array.from(v, tagged);
  if (typeof v === 'object') {
    const proto = Object.getPrototypeOf(v) as unknown;
    if (proto === Object.prototype || proto === null) {
      // fromEntries defines own properties, so a `__proto__` key stays a key.
      const m = Object.fromEntries(Object.entries(v).map(([k, x]) => [k, tagged(x)]));
      return { m };
    }
  }
  return { '?': `${typeof v} ${String(v)}` };
}
