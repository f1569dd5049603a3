import type { FuzzReport } from './fuzz-engine';

/** A fuzz run as lines: the totals, the coverage classes, then each difference with its replay seed. */
export function formatReport(report: FuzzReport, elapsedMs?: number): string {
  const took = elapsedMs === undefined ? '' : ` in ${(elapsedMs / 1000).toFixed(1)} s`;
  const lines = [`fuzz ${report.engine}: ${report.cases} cases, ${report.differences.length} differences${took} (seed ${report.seed})`];
  for (const [name, n] of Object.entries(report.coverage ?? {}).sort(([a], [b]) => a.localeCompare(b))) lines.push(`  ${name}: ${n}`);
  for (const d of report.differences) {
    lines.push(`DIFFERENCE (replay: --seed ${d.seed}${d.path ? ` path ${d.path}` : ''})`, indent(d.input), indent(d.detail));
  }
  return lines.join('\n');
}

const indent = (text: string) =>
  text
    .split('\n')
    .map((l) => `    ${l}`)
    .join('\n');
