import { stringifyManifests } from '@fjord/k8s-yaml';

/** Output formats of the commands that print objects. */
export const OutputFormat = { Table: 'table', Json: 'json', Yaml: 'yaml', Wide: 'wide' } as const;
export type OutputFormat = (typeof OutputFormat)[keyof typeof OutputFormat];

/** Parses `-o`; an unknown format is an error naming the choices. */
export function outputFormat(value: string | undefined): OutputFormat {
  const v = (value ?? OutputFormat.Table) as OutputFormat;
  if (!Object.values(OutputFormat).includes(v)) throw new Error(`unknown output format "${value}": use json, yaml or wide`);
  return v;
}

/** Prints rows as aligned columns under a header. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (i === cells.length - 1 ? c : (c ?? '').padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return `${[line(header), ...rows.map(line)].join('\n')}\n`;
}

/** Prints an object as JSON or YAML, for scripts. */
export function printObject(obj: unknown, format: OutputFormat): string {
  return format === OutputFormat.Yaml ? stringifyManifests([obj as never]) : `${JSON.stringify(obj, null, 2)}\n`;
}

/** What a command prints: `machine` as JSON or YAML when `-o` asks for either, else the human view `human` writes. */
export function printAs(output: string | undefined, machine: unknown, human: () => string): string {
  const format = outputFormat(output);
  return format === OutputFormat.Json || format === OutputFormat.Yaml ? printObject(machine, format) : human();
}
