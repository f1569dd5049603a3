/** One random case of the helm-values fuzzer: a chart tree and the value flags of a `helm template` call. */

/** Plain values as JSON has them (numbers are float64 on both sides). */
export type PlainValue = null | boolean | number | string | PlainValue[] | { [key: string]: PlainValue };
export type PlainValues = { [key: string]: PlainValue };

/** A dependency declared in Chart.yaml (no import-values: the fuzzer leaves those to the chart conformance). */
export interface RequirementCase {
  name: string;
  version: string;
  alias: string;
  condition: string;
  tags: string[];
}

/** A chart: its default values, its Chart.yaml dependencies (null: none declared) and the subcharts in charts/. */
export interface ChartCase {
  name: string;
  version: string;
  values: PlainValues;
  reqs: RequirementCase[] | null;
  deps: ChartCase[];
}

/** The whole case: what `helm template chart -f … --set … --set-string … --set-file …` is given. */
export interface ValuesCase {
  chart: ChartCase;
  /** `-f` files, each one or more YAML documents (written by {@link valuesFileYaml}). */
  files: PlainValues[][];
  set: string[];
  setString: string[];
  setFile: string[];
  /** Files `--set-file` may name, by name. */
  readable: Record<string, string>;
}

/** A values file of one or more documents, which helm merges in order. */
export function valuesFileYaml(docs: PlainValues[]): string {
  return docs.map(valuesYaml).join('---\n');
}

/**
 * Values as block YAML that Go's and Fjord's YAML readers read alike (strings double-quoted, JSON escapes; lists
 * of collections in flow style), so that the fuzzer tests values handling, not YAML reading.
 */
export function valuesYaml(v: PlainValues): string {
  const lines: string[] = [];
  writeMap(v, '', lines);
  return lines.length ? `${lines.join('\n')}\n` : '{}\n';
}

function writeMap(m: PlainValues, indent: string, lines: string[]): void {
  for (const [k, v] of Object.entries(m)) {
    const key = `${indent}${JSON.stringify(k)}:`;
    if (isMap(v) && Object.keys(v).length > 0) {
      lines.push(key);
      writeMap(v, `${indent}  `, lines);
    } else if (Array.isArray(v) && v.length > 0) {
      lines.push(key);
      for (const item of v) lines.push(`${indent}- ${flow(item)}`);
    } else lines.push(`${key} ${flow(v)}`);
  }
}

function flow(v: PlainValue): string {
  if (Array.isArray(v)) return `[${v.map(flow).join(', ')}]`;
  if (isMap(v))
    return `{${Object.entries(v)
      .map(([k, x]) => `${JSON.stringify(k)}: ${flow(x)}`)
      .join(', ')}}`;
  return v === null ? 'null' : typeof v === 'string' ? JSON.stringify(v) : String(v);
}

const isMap = (v: PlainValue): v is PlainValues => v !== null && typeof v === 'object' && !Array.isArray(v);
