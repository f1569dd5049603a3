/** `helm template` in-process: load, process dependencies, coalesce values, render, sort, format. */
import type { KubeObject } from '@fjord/k8s-yaml';
import { SourceError, type SourceFileSystem } from '@fjord/source-fs';
import { crdFiles, type Chart } from './chart';
import { capabilitiesValue, DEFAULT_API_VERSIONS, DEFAULT_KUBE_VERSION, parseKubeVersion } from './capabilities';
import { cloneChart, isCompatibleRange, renderValues } from './dependencies';
import { renderTemplates, type EngineLimits } from './engine';
import { isArchivePath, loadChart, type LoadChartOptions } from './loader';
import { ManifestParseError, sortManifests, splitManifests } from './manifests';
import { RenderError } from './render-errors';
import { validateChartSchemas } from './schema';
import { userValues, type UserValueOptions } from './user-values';
import { isPlainMap, readYaml } from './yaml-read';

/** Options of a render, mirroring Argo CD's Helm source (and `helm template` flags). */
export interface HelmRenderOptions extends UserValueOptions {
  /** `.Release.Name` (default `release-name`, as `helm template` without a name). */
  releaseName?: string;
  /** `.Release.Namespace` (default `default`). */
  namespace?: string;
  /** Leave out the files of `crds/` directories (Helm: without `--include-crds`). */
  skipCrds?: boolean;
  /** Leave out test hooks (`--skip-tests`). */
  skipTests?: boolean;
  /** Do not validate values.schema.json. */
  skipSchemaValidation?: boolean;
  /** `.Capabilities.KubeVersion` (default v1.36.0, helm v4.2.4's). */
  kubeVersion?: string;
  /** Extra API versions for `.Capabilities.APIVersions` (added to the defaults). */
  apiVersions?: string[];
  /** `.Release.IsUpgrade` instead of IsInstall. */
  isUpgrade?: boolean;
  /** Limits for archives and rendering. */
  limits?: LoadChartOptions['limits'];
  engineLimits?: EngineLimits;
}

/** Where a manifest came from: a CRD file, a regular template, or a hook. */
export type ManifestOrigin = 'crd' | 'template' | 'hook';

/** One rendered object with the template (or CRD file) it came from. */
export interface RenderedManifest {
  /** Helm's `# Source:` path, e.g. `mychart/templates/deployment.yaml`. */
  source: string;
  origin: ManifestOrigin;
  /** The parsed object. */
  object: KubeObject;
}

/** The result of a render. */
export interface RenderResult {
  /** Objects in `helm template` order: CRDs, manifests by kind, then hooks. */
  manifests: RenderedManifest[];
  /** The root chart's rendered NOTES.txt. */
  notes: string;
  /** The text `helm template` prints for the same input. */
  text: string;
}

function toSourceError(e: unknown, chart: Chart, chartPath: string): SourceError {
  if (e instanceof SourceError) return e;
  const message = (e as Error).message;
  if (e instanceof RenderError || e instanceof ManifestParseError) {
    const tpl = e instanceof RenderError ? e.template : e.path;
    const rel = tpl.startsWith(`${chart.metadata.name}/`) ? tpl.slice(chart.metadata.name.length + 1) : tpl;
    const file = chart.fromDirectory ? `${chartPath}/${rel}` : chartPath;
    const column = e instanceof RenderError ? e.column : undefined;
    return new SourceError(message, { file, line: e.line, column }, { cause: e });
  }
  return new SourceError(message, { file: chartPath }, { cause: e });
}

/** Renders the chart at `chartPath` (a directory or .tgz in `fs`) as `helm template` would. Throws SourceError. */
export function renderChart(fs: SourceFileSystem, chartPath: string, options: HelmRenderOptions = {}): RenderResult {
  const chart = loadChart(fs, chartPath, { limits: options.limits });
  const chartDir = isArchivePath(chartPath) ? chartPath.slice(0, chartPath.lastIndexOf('/') + 1).replace(/\/$/, '') : chartPath;
  return renderLoadedChart(chart, options, { fs, chartDir, chartPath });
}

/** Renders an already loaded chart (which is not modified); value files are read from `source.fs`. */
export function renderLoadedChart(
  loaded: Chart,
  options: HelmRenderOptions,
  source: { fs: SourceFileSystem; chartDir: string; chartPath: string },
): RenderResult {
  const chart = cloneChart(loaded);
  try {
    return render(chart, userValues(source.fs, source.chartDir, options), options);
  } catch (e) {
    throw toSourceError(e, chart, source.chartPath);
  }
}

function checkInstallable(chart: Chart): void {
  const t = chart.metadata.type;
  if (t !== '' && t !== 'application') throw new Error(`${t} charts are not installable`);
  const missing = chart.metadata.dependencies.filter((r) => !chart.dependencies.some((d) => d.metadata.name === r.name)).map((r) => r.name);
  if (missing.length) {
    throw new Error(
      `an error occurred while checking for chart dependencies. You may need to run 'helm dependency build' to fetch missing dependencies: found in Chart.yaml, but missing in charts/ directory: ${missing.join(', ')}`,
    );
  }
}

function releaseValues(options: HelmRenderOptions): Record<string, unknown> {
  return {
    Name: options.releaseName ?? 'release-name',
    Namespace: options.namespace ?? 'default',
    IsUpgrade: options.isUpgrade ?? false,
    IsInstall: !(options.isUpgrade ?? false),
    Revision: 1n,
    Service: 'Helm',
  };
}

function render(chart: Chart, vals: Record<string, unknown>, options: HelmRenderOptions): RenderResult {
  checkInstallable(chart);
  const kube = parseKubeVersion(options.kubeVersion ?? DEFAULT_KUBE_VERSION);
  const caps = capabilitiesValue(kube, [...DEFAULT_API_VERSIONS, ...(options.apiVersions ?? [])]);
  const values = renderValues(chart, vals);
  if (!options.skipSchemaValidation) {
    const errs = validateChartSchemas(chart, values);
    if (errs) throw new Error(`values don't meet the specifications of the schema(s) in the following chart(s):\n${errs}`);
  }
  if (chart.metadata.kubeVersion && !isCompatibleRange(chart.metadata.kubeVersion, kube.normalized)) {
    throw new Error(`chart requires kubeVersion: ${chart.metadata.kubeVersion} which is incompatible with Kubernetes ${kube.version}`);
  }
  const files = renderTemplates(chart, { Release: releaseValues(options), Capabilities: caps, Values: values }, { limits: options.engineLimits });
  const notesName = `${chart.metadata.name}/templates/NOTES.txt`;
  const notes = files.get(notesName) ?? '';
  for (const k of [...files.keys()]) if (k.endsWith('NOTES.txt')) files.delete(k);
  const sorted = sortManifests(files);
  const crds = options.skipCrds ? [] : crdFiles(chart);
  const hooks = sorted.hooks.filter((h) => !(options.skipTests && h.hookEvents?.some((e) => e === 'test' || e === 'test-success')));
  const manifests: RenderedManifest[] = [];
  for (const crd of crds) {
    const text = new TextDecoder().decode(crd.data);
    for (const doc of splitManifests(text)) pushObject(manifests, crd.filename, 'crd', doc);
  }
  for (const m of sorted.manifests) pushObject(manifests, m.path, 'template', m.content);
  for (const h of hooks) pushObject(manifests, h.path, 'hook', h.content);
  let body = '';
  for (const crd of crds) body += `---\n# Source: ${crd.filename}\n${new TextDecoder().decode(crd.data)}\n`;
  for (const m of sorted.manifests) body += `---\n# Source: ${m.path}\n${m.content}\n`;
  let text = `${body.trim()}\n`;
  for (const h of hooks) text += `---\n# Source: ${h.path}\n${h.content}\n`;
  return { manifests, notes, text };
}

function pushObject(out: RenderedManifest[], source: string, origin: ManifestOrigin, doc: string): void {
  let v: unknown;
  try {
    v = readYaml(doc);
  } catch (e) {
    throw new ManifestParseError(`YAML parse error on ${source}: ${(e as Error).message}`, source, (e as { line?: number }).line);
  }
  if (v === null) return;
  if (!isPlainMap(v)) throw new ManifestParseError(`YAML parse error on ${source}: not a Kubernetes object`, source);
  const items = typeof v.kind === 'string' && v.kind.endsWith('List') && Array.isArray(v.items) ? v.items : [v];
  for (const item of items) if (isPlainMap(item)) out.push({ source, origin, object: item as KubeObject });
}
