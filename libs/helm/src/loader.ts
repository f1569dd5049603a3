/** Loading charts from a SourceFileSystem: directories (with .helmignore) and .tgz archives, subcharts in charts/. */
import { posix } from 'node:path';
import { SourceError, type SourceFileSystem } from '@fjord/source-fs';
import { DEFAULT_ARCHIVE_LIMITS, extractChartArchive, stripBom, type ArchiveLimits, type ChartFileData } from './archive';
import type { Chart, ChartFile } from './chart';
import { HelmIgnore } from './helmignore';
import { decodeChartYaml, emptyMetadata, validateMetadata } from './metadata';
import { loadValues } from './values-file';

/** Options of {@link loadChart}. */
export interface LoadChartOptions {
  /** Archive and file size limits (Helm's: 100 MiB per chart, 5 MiB per file). */
  limits?: ArchiveLimits;
}

const decoder = new TextDecoder();
const text = (f: { data: Uint8Array }): string => decoder.decode(f.data);

/** Whether a repository path names a chart archive rather than a directory. */
export const isArchivePath = (path: string): boolean => /\.(tgz|tar\.gz)$/i.test(path);

/**
 * Loads the chart at `chartPath` (a directory or a .tgz archive) with its subcharts. Throws SourceError naming
 * the chart path for any problem (missing Chart.yaml, invalid metadata, bad archive, bad YAML).
 */
export function loadChart(fs: SourceFileSystem, chartPath: string, options: LoadChartOptions = {}): Chart {
  const limits = options.limits ?? DEFAULT_ARCHIVE_LIMITS;
  const kind = fs.stat(chartPath);
  if (kind === undefined) throw new SourceError(`chart not found: path "${chartPath}" does not exist`, { file: chartPath });
  try {
    if (kind === 'file') return loadFiles(extractChartArchive(fs.readFile(chartPath), limits), chartPath, false, limits);
    return loadFiles(readChartDirectory(fs, chartPath, limits), chartPath, true, limits);
  } catch (e) {
    if (e instanceof SourceError) throw e;
    throw new SourceError(`failed to load chart: ${(e as Error).message}`, { file: chartPath }, { cause: e });
  }
}

/** Reads a chart directory's files, honouring .helmignore (plus Helm's default `templates/.?*`). */
export function readChartDirectory(fs: SourceFileSystem, dir: string, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): ChartFileData[] {
  const ignoreFile = posix.join(dir, '.helmignore');
  const rules = fs.stat(ignoreFile) === 'file' ? HelmIgnore.parse(fs.readText(ignoreFile)) : new HelmIgnore();
  rules.addDefaults();
  const files: ChartFileData[] = [];
  let total = 0;
  const walk = (rel: string): void => {
    for (const entry of fs.readDir(rel ? posix.join(dir, rel) : dir)) {
      const name = rel ? `${rel}/${entry.name}` : entry.name;
      if (rules.ignores(name, entry.type === 'dir')) continue;
      if (entry.type === 'dir') {
        walk(name);
        continue;
      }
      const data = fs.readFile(posix.join(dir, name));
      if (data.length > limits.maxFileSize) throw new Error(`chart file "${entry.name}" is larger than the maximum file size ${limits.maxFileSize}`);
      total += data.length;
      if (total > limits.maxChartSize) throw new Error(`chart is larger than the maximum size ${limits.maxChartSize}`);
      files.push({ name, data: stripBom(data) });
    }
  };
  walk('');
  return files;
}

/** Builds a chart from its files (Helm's LoadFiles); subcharts come from charts/ (directories and .tgz). */
export function loadFiles(files: ChartFileData[], source: string, fromDirectory: boolean, limits: ArchiveLimits = DEFAULT_ARCHIVE_LIMITS): Chart {
  const chartYaml = files.find((f) => f.name === 'Chart.yaml');
  let metadata = chartYaml ? decodeChartYaml(text(chartYaml)) : undefined;
  if (metadata && !metadata.apiVersion) metadata.apiVersion = 'v1';
  const chart: Chart = { metadata: metadata ?? emptyMetadata(), values: {}, templates: [], files: [], dependencies: [], source, fromDirectory };
  const subcharts = new Map<string, ChartFileData[]>();
  const ensureMeta = (): void => {
    metadata ??= emptyMetadata();
  };
  for (const f of files) {
    const file: ChartFile = { name: f.name, data: f.data };
    if (f.name === 'Chart.yaml' || f.name === 'Chart.lock') continue;
    if (f.name === 'values.yaml') chart.values = wrap('cannot load values.yaml', () => loadValues(text(f)));
    else if (f.name === 'values.schema.json') chart.schema = f.data;
    else if (f.name === 'requirements.yaml') {
      ensureMeta();
      metadata = wrap('cannot load requirements.yaml', () => decodeChartYaml(text(f), metadata));
      if (metadata.apiVersion === 'v1') chart.files.push(file);
    } else if (f.name === 'requirements.lock') {
      ensureMeta();
      if (metadata?.apiVersion === 'v1') chart.files.push(file);
    } else if (f.name.startsWith('templates/')) chart.templates.push(file);
    else if (f.name.startsWith('charts/')) {
      if (posix.extname(f.name) === '.prov') {
        chart.files.push(file);
        continue;
      }
      const rest = f.name.slice('charts/'.length);
      const cname = rest.split('/')[0];
      subcharts.set(cname, [...(subcharts.get(cname) ?? []), { name: rest, data: f.data }]);
    } else chart.files.push(file);
  }
  if (!metadata) throw new Error('Chart.yaml file is missing');
  chart.metadata = metadata;
  validateMetadata(metadata);
  for (const [n, subFiles] of [...subcharts].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (n.startsWith('_') || n.startsWith('.')) continue;
    const sub = wrap(`error unpacking subchart ${n} in ${metadata.name}`, () => loadSubchart(n, subFiles, source, fromDirectory, limits));
    sub.parent = chart;
    chart.dependencies.push(sub);
  }
  return chart;
}

function loadSubchart(n: string, files: ChartFileData[], source: string, fromDirectory: boolean, limits: ArchiveLimits): Chart {
  const where = `${source}/charts/${n}`;
  if (posix.extname(n) === '.tgz') {
    if (files[0].name !== n) throw new Error(`error unpacking subchart tar in chart: expected ${n}, got ${files[0].name}`);
    return loadFiles(extractChartArchive(files[0].data, limits), where, false, limits);
  }
  const inner = files.filter((f) => f.name.includes('/')).map((f) => ({ name: f.name.slice(f.name.indexOf('/') + 1), data: f.data }));
  return loadFiles(inner, where, fromDirectory, limits);
}

function wrap<T>(prefix: string, fn: () => T): T {
  try {
    return fn();
  } catch (e) {
    throw new Error(`${prefix}: ${(e as Error).message}`, { cause: e });
  }
}
