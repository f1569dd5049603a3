/** The chart model: metadata (Chart.yaml), values, templates, files and loaded subcharts. */
import type { Values } from './values-file';

/** A maintainer entry of Chart.yaml. */
export interface ChartMaintainer {
  name: string;
  email: string;
  url: string;
}

/** A dependency declared in Chart.yaml (v2) or requirements.yaml (v1). */
export interface ChartDependency {
  name: string;
  version: string;
  repository: string;
  condition: string;
  tags: string[];
  enabled: boolean;
  importValues: unknown[];
  alias: string;
}

/** Chart.yaml, with Helm's field set. */
export interface ChartMetadata {
  name: string;
  home: string;
  sources: string[];
  version: string;
  description: string;
  keywords: string[];
  maintainers: ChartMaintainer[];
  icon: string;
  apiVersion: string;
  condition: string;
  tags: string;
  appVersion: string;
  deprecated: boolean;
  annotations: Record<string, string> | null;
  kubeVersion: string;
  dependencies: ChartDependency[];
  /**
   * Whether Chart.yaml (or requirements.yaml) holds a `dependencies` list, even an empty one (Go: a non-nil slice).
   * Helm processes conditions, tags and import-values only for such charts; unset means "when the list is not empty".
   */
  dependenciesListed?: boolean;
  type: string;
}

/** A file of a chart, named relative to the chart root. */
export interface ChartFile {
  name: string;
  data: Uint8Array;
}

/** A loaded chart. `dependencies` are the charts found in charts/ (before conditions and aliases apply). */
export interface Chart {
  metadata: ChartMetadata;
  /** Default values (values.yaml). */
  values: Values;
  /** values.schema.json, if any. */
  schema?: Uint8Array;
  /** Files under templates/. */
  templates: ChartFile[];
  /** Every other file (what `.Files` sees), including crds/. */
  files: ChartFile[];
  dependencies: Chart[];
  parent?: Chart;
  /** Repository-relative path the chart was loaded from (a directory or an archive), for error messages. */
  source: string;
  /** Whether the chart came from a directory (so template paths map onto repository files). */
  fromDirectory: boolean;
}

/** The chart's path in the render (`parent/charts/name`), as template names use it. */
export function chartFullPath(chart: Chart): string {
  return chart.parent ? `${chartFullPath(chart.parent)}/charts/${chart.metadata.name}` : chart.metadata.name;
}

/** Whether a chart is a library chart (type: library, any case). */
export const isLibraryChart = (chart: Chart): boolean => chart.metadata.type.toLowerCase() === 'library';

/** CRD files of the chart and its (enabled) subcharts, root first, with their full file names. */
export function crdFiles(chart: Chart): { filename: string; data: Uint8Array }[] {
  const own = chart.files
    .filter((f) => f.name.startsWith('crds/') && /\.(ya?ml|json)$/i.test(f.name))
    .map((f) => ({ filename: `${chartFullPath(chart)}/${f.name}`, data: f.data }));
  return [...own, ...chart.dependencies.flatMap(crdFiles)];
}
