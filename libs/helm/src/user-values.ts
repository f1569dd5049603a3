/** The user's values from Argo CD's Helm source options, merged as `helm template -f … --set …` merges them. */
import { posix } from 'node:path';
import { resolveInRepo, SourceError, type SourceFileSystem } from '@fjord/source-fs';
import { mergeValueFlags, ValueFlagError } from './value-flags';
import { loadValues, type Values } from './values-file';
import { isPlainMap } from './yaml-read';

/** A `--set` parameter (Argo CD's `helm.parameters`). */
export interface HelmParameter {
  name: string;
  value: string;
  /** Use `--set-string` (keep the value a string). */
  forceString?: boolean;
}

/** A `--set-file` parameter (Argo CD's `helm.fileParameters`): the file's text becomes the value. */
export interface HelmFileParameter {
  name: string;
  /** Repository path relative to the chart directory. */
  path: string;
}

/** The value-related options (see HelmRenderOptions). */
export interface UserValueOptions {
  valueFiles?: string[];
  values?: string;
  valuesObject?: Record<string, unknown>;
  parameters?: HelmParameter[];
  fileParameters?: HelmFileParameter[];
  ignoreMissingValueFiles?: boolean;
  /**
   * The text of value files that live outside the chart's repository (Argo CD's `$<ref>/values.yaml` of a
   * multi-source app), by their entry in `valueFiles`; read by the caller, merged here in the order of `valueFiles`.
   */
  externalValueFiles?: Record<string, string>;
}

/** Argo CD escapes commas in `--set` values (unless the value is a `{a,b}` list) before passing them to helm. */
export function escapeSetValue(val: string): string {
  if (val.startsWith('{') && val.endsWith('}')) return val;
  return val.replace(/(^|[^\\]),/g, (_m, pre: string) => `${pre}\\,`).replace(/(^|[^\\]),/g, (_m, pre: string) => `${pre}\\,`);
}

/** Converts a plain JS object (e.g. Argo's valuesObject) to Helm values: numbers stay float64, as after JSON. */
function jsonValues(v: unknown): Values {
  const text = JSON.stringify(v ?? {});
  const parsed = JSON.parse(text) as unknown;
  if (!isPlainMap(parsed)) throw new SourceError('valuesObject must be a map');
  return parsed;
}

function parseValuesFile(text: string, file: string, location: string): Values {
  try {
    return loadValues(text);
  } catch (e) {
    throw new SourceError(`failed to parse ${file}: ${(e as Error).message}`, { file: location, line: (e as { line?: number }).line }, { cause: e });
  }
}

function readValuesFile(fs: SourceFileSystem, chartDir: string, file: string, ignoreMissing: boolean): Values | undefined {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(file))
    throw new SourceError(`value file "${file}" is remote; only files inside the repository are supported`, { field: 'valueFiles' });
  const path = resolveInRepo(chartDir, file, { field: 'valueFiles' });
  if (fs.stat(path) !== 'file') {
    if (ignoreMissing) return undefined;
    throw new SourceError(`open ${posix.relative(chartDir, path) || path}: no such file or directory`, { file: path, field: 'valueFiles' });
  }
  return parseValuesFile(fs.readText(path), file, path);
}

/** Merges value files, inline values and parameters in helm's precedence order (files < --set < --set-string < --set-file). */
export function userValues(fs: SourceFileSystem, chartDir: string, opts: UserValueOptions): Values {
  const valueFiles: Values[] = [];
  for (const f of opts.valueFiles ?? []) {
    const external = opts.externalValueFiles && Object.hasOwn(opts.externalValueFiles, f) ? opts.externalValueFiles[f] : undefined;
    const v = external !== undefined ? parseValuesFile(external, f, f) : readValuesFile(fs, chartDir, f, opts.ignoreMissingValueFiles ?? false);
    if (v) valueFiles.push(v);
  }
  // Argo CD writes inline values to a file it passes after the value files.
  if (opts.valuesObject && Object.keys(opts.valuesObject).length > 0) valueFiles.push(jsonValues(opts.valuesObject));
  else if (opts.values && opts.values.trim() !== '') {
    try {
      valueFiles.push(loadValues(opts.values));
    } catch (e) {
      throw new SourceError(`failed to parse values: ${(e as Error).message}`, { field: 'values' }, { cause: e });
    }
  }
  const params = opts.parameters ?? [];
  const flag = (p: HelmParameter) => `${p.name}=${escapeSetValue(p.value)}`;
  try {
    return mergeValueFlags({
      valueFiles,
      set: params.filter((p) => !p.forceString).map(flag),
      setString: params.filter((p) => p.forceString).map(flag),
      setFile: (opts.fileParameters ?? []).map((p) => `${p.name}=${p.path}`),
      readFile: (rel) => fs.readText(resolveInRepo(chartDir, rel, { field: 'fileParameters' })),
    });
  } catch (e) {
    if (!(e instanceof ValueFlagError)) throw e;
    throw new SourceError(e.message, { field: e.flag === '--set-file' ? 'fileParameters' : 'parameters' }, { cause: e });
  }
}
