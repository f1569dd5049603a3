/** Classes of helm-values case, counted per run so the report shows what the random cases reached. */
import type { ValuesOutcome } from './fjord-values';
import type { ChartCase, ValuesCase } from './values-case';

const walk = (c: ChartCase): ChartCase[] => [c, ...c.deps.flatMap(walk)];

/** The classes one case falls in (by its input, and by what helm made of it). */
export function coverageOf(c: ValuesCase, helm: ValuesOutcome): string[] {
  const charts = walk(c.chart);
  const reqs = charts.flatMap((x) => x.reqs ?? []);
  const sets = [...c.set, ...c.setString];
  const json = JSON.stringify([c.chart, c.files]);
  const out: string[] = [];
  const add = (cond: boolean, name: string) => cond && out.push(name);
  add(helm.userError !== undefined, 'helm refuses the flags');
  add(helm.userError === undefined && helm.error !== undefined, 'helm refuses the values (coalesce)');
  add(helm.values !== undefined, 'helm coalesces');
  add(charts.length > 1, 'subcharts');
  add(charts.length > 1 + c.chart.deps.length, 'sub-subcharts');
  add(
    reqs.some((r) => r.condition !== ''),
    'dependency conditions',
  );
  add(
    reqs.some((r) => r.tags.length > 0),
    'dependency tags',
  );
  add(
    reqs.some((r) => r.alias !== ''),
    'dependency aliases',
  );
  add(json.includes('"global"'), 'globals in values');
  add(json.includes(':null'), 'nulls in values');
  add(c.files.length > 1, 'several value files');
  add(
    c.files.some((f) => f.length > 1),
    'value files of several documents',
  );
  add(
    sets.some((s) => /\[\d+\]/.test(s)),
    '--set list index',
  );
  add(
    sets.some((s) => s.includes('\\')),
    '--set escapes',
  );
  add(
    sets.some((s) => /=\{/.test(s)),
    '--set {list}',
  );
  add(
    sets.some((s) => /=(null|NULL)(,|$)/.test(s)),
    '--set null',
  );
  add(c.setString.length > 0, '--set-string');
  add(c.setFile.length > 0, '--set-file');
  return out;
}
