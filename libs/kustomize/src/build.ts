import type { KubeObject } from '@fjord/k8s-yaml';
import { SourceError, type SourceFileSystem } from '@fjord/source-fs';
import { stringifyAnnotationValues } from './annotation-values';
import { foldOutputNextLines } from './next-line';
import { COMMON_ANNOTATION_SPECS, COMMON_LABEL_SPECS } from './builtin-field-specs';
import { emptyConfig, loadConfigurations, loadCrdConfig, mergeConfig, type TransformerConfig } from './configurations';
import { runGenerators, type Environment } from './generators';
import { nameHash } from './hash';
import { applyImages } from './images';
import { findKustomizationFile, loadKustomization, type LoadedKustomization } from './kustomization';
import { applyStringMap, labelEntrySpecs } from './labels';
import { Loader, type LoadRestriction } from './loader';
import { applyNameAffix } from './name-affix';
import { fixNameReferences } from './name-reference';
import { applyNamespace } from './namespace';
import { parseObjects } from './parse-objects';
import { applyPatchEntry, applyPatchesJson6902, applyPatchesStrategicMerge } from './patches';
import { isRemoteResource, type RemoteResolver } from './remote';
import { applyReplacements } from './replacements';
import { applyReplicas } from './replicas';
import { Resource } from './resource';
import { ResMap } from './res-map';
import { legacySort } from './sort';
import { resolveVars, type VarSpec } from './vars';

/** Renders `helmCharts` entries; the Helm engine provides it. Returns the chart's objects. */
export type HelmChartHook = (chart: Record<string, unknown>, context: { fs: SourceFileSystem; dir: string; globals?: Record<string, unknown> }) => KubeObject[];

/** Options of a build; the defaults match `kustomize build` on the command line. */
export interface KustomizeOptions {
  /** Fetches remote bases; without it a remote `resources` entry is an error. */
  remoteResolver?: RemoteResolver;
  /** Renders `helmCharts`; without it they are an error (kustomize needs --enable-helm too). */
  helmCharts?: HelmChartHook;
  /** `rootOnly` (default) keeps file reads inside each kustomization's directory. */
  loadRestrictor?: LoadRestriction;
  /** Output order when the kustomization has no `sortOptions`: `legacy` (the CLI default) or `none` (FIFO). */
  reorder?: 'legacy' | 'none';
  /** Values for env-file lines without `=` (kustomize 5.8.1 gives them ""; this lets a caller supply one). Default: none. */
  environment?: Environment;
}

interface Accumulator {
  resMap: ResMap;
  config: TransformerConfig;
  vars: VarSpec[];
}

interface Ctx {
  options: KustomizeOptions;
  /** Kustomization directories being built, to detect cycles. */
  stack: { fs: SourceFileSystem; dir: string }[];
}

/** Builds the kustomization in `path` (a repository-relative directory) into objects, as `kustomize build` does. */
export function buildKustomization(fs: SourceFileSystem, path: string, options: KustomizeOptions = {}): KubeObject[] {
  const ctx: Ctx = { options, stack: [] };
  const kt = loadKustomization(fs, normalizeDir(path));
  const ra = accumulateTarget(ctx, fs, kt, newAccumulator());
  finish(ra, kt);
  const order = kt.k.sortOptions?.order ?? (options.reorder === 'none' ? 'fifo' : 'legacy');
  const list = order === 'legacy' ? legacySort(ra.resMap.list, kt.k.sortOptions?.legacySortOptions) : ra.resMap.list;
  return list.map((r) => foldOutputNextLines(r.obj));
}

/** Whether `dir` holds a kustomization file. */
export function isKustomization(fs: SourceFileSystem, dir: string): boolean {
  try {
    return findKustomizationFile(fs, normalizeDir(dir)) !== undefined;
  } catch {
    return true;
  }
}

function normalizeDir(p: string): string {
  return p.replace(/^\.\/?/, '').replace(/\/+$/, '');
}

function newAccumulator(): Accumulator {
  return { resMap: new ResMap(), config: emptyConfig(), vars: [] };
}

/** The steps that happen once, at the top: hash suffixes, name references, vars, dropping local-config objects. */
function finish(ra: Accumulator, kt: LoadedKustomization): void {
  for (const r of ra.resMap.list) {
    if (!r.needsHash) continue;
    const hash = nameHash(r.obj);
    r.storePreviousId();
    r.setName(`${r.name()}-${hash}`);
  }
  wrap(kt.file, undefined, () => fixNameReferences(ra.resMap, ra.config.nameReference));
  wrap(kt.file, 'vars', () => resolveVars(ra.resMap, ra.vars, ra.config.varReference));
  for (const r of [...ra.resMap.list]) {
    if (r.stringMap('annotations')['config.kubernetes.io/local-config'] === 'true') ra.resMap.remove(r);
  }
  if (kt.k.buildMetadata.includes('managedByLabel')) {
    for (const r of ra.resMap.list) r.setStringMap('labels', { ...r.stringMap('labels'), 'app.kubernetes.io/managed-by': 'kustomize-v5.8.1' });
  }
  for (const r of ra.resMap.list) stringifyAnnotationValues(r.obj);
}

/** Runs `fn`, turning a plain error into a SourceError that names the kustomization file and field. */
function wrap<T>(file: string, field: string | undefined, fn: () => T): T {
  try {
    return fn();
  } catch (err) {
    if (err instanceof SourceError) throw err;
    throw new SourceError((err as Error).message, { file, field }, { cause: err });
  }
}

function accumulateTarget(ctx: Ctx, fs: SourceFileSystem, kt: LoadedKustomization, ra: Accumulator): Accumulator {
  if (ctx.stack.some((s) => s.fs === fs && s.dir === kt.dir)) {
    throw new SourceError(`cycle detected: '${kt.dir || '.'}' includes itself through its bases`, { file: kt.file, field: 'resources' });
  }
  ctx.stack.push({ fs, dir: kt.dir });
  try {
    const loader = new Loader(fs, kt.dir, kt.file, ctx.options.loadRestrictor ?? 'rootOnly');
    accumulateResources(ctx, kt, loader, ra);
    mergeConfig(ra.config, loadConfigurations(kt.k.configurations, loader));
    mergeConfig(ra.config, loadCrdConfig(kt.k.crds, loader));
    runAllGenerators(ctx, kt, loader, ra);
    kt.k.components.forEach((c, i) => accumulateComponent(ctx, kt, loader, c, `components[${i}]`, ra));
    runTransformers(kt, loader, ra);
    ra.vars.push(...(kt.k.vars as unknown as VarSpec[]));
    return ra;
  } finally {
    ctx.stack.pop();
  }
}

function runAllGenerators(ctx: Ctx, kt: LoadedKustomization, loader: Loader, ra: Accumulator): void {
  for (const field of ['generators', 'transformers', 'validators'] as const) {
    if (kt.k[field].length > 0) throw new SourceError(`plugin ${field} are not supported by Fjord's kustomize engine`, { file: kt.file, field });
  }
  const generated = runGenerators(kt.k, loader, ctx.options.environment ?? {});
  generated.forEach((r) => wrap(kt.file, r.kind() === 'Secret' ? 'secretGenerator' : 'configMapGenerator', () => ra.resMap.absorb(r)));
  kt.k.helmCharts.forEach((chart, i) => {
    if (!ctx.options.helmCharts)
      throw new SourceError('helmCharts are not supported: no Helm engine was given to the kustomize build', { file: kt.file, field: `helmCharts[${i}]` });
    const objs = ctx.options.helmCharts(chart, { fs: loader.fs, dir: kt.dir, globals: kt.k.helmGlobals });
    wrap(kt.file, `helmCharts[${i}]`, () => ra.resMap.appendAll(objs.map((o) => new Resource(o))));
  });
}

function accumulateResources(ctx: Ctx, kt: LoadedKustomization, loader: Loader, ra: Accumulator): void {
  kt.k.resources.forEach((entry, i) => {
    const field = `resources[${i}]`;
    if (isRemoteResource(entry)) {
      const resolver = ctx.options.remoteResolver;
      if (!resolver) throw new SourceError(`remote resource ${entry} needs a remote resolver, and none was given`, { file: kt.file, field });
      const base = wrap(kt.file, field, () => resolver.resolve(entry));
      const sub = loadKustomization(base.fs, base.path);
      appendSubTarget(ctx, base.fs, sub, kt, field, ra);
      return;
    }
    const path = loader.resolve(entry, field);
    const type = loader.fs.stat(path);
    if (type === 'file') {
      loader.resolveFile(entry, field);
      const objs = parseObjects(loader.fs.readText(path), path);
      wrap(kt.file, field, () => ra.resMap.appendAll(objs.map((o) => new Resource(o))));
    } else if (type === 'dir') {
      appendSubTarget(ctx, loader.fs, loadKustomization(loader.fs, path), kt, field, ra);
    } else {
      throw new SourceError(`accumulating resources from '${entry}': no such file or directory`, { file: kt.file, field });
    }
  });
}

function appendSubTarget(ctx: Ctx, fs: SourceFileSystem, sub: LoadedKustomization, kt: LoadedKustomization, field: string, ra: Accumulator): void {
  if (sub.k.kind === 'Component') {
    throw new SourceError(`expected kind != 'Component' for path '${sub.dir || '.'}'`, { file: kt.file, field });
  }
  const subRa = accumulateTarget(ctx, fs, sub, newAccumulator());
  wrap(kt.file, field, () => ra.resMap.appendAll(subRa.resMap));
  mergeConfig(ra.config, subRa.config);
  ra.vars.push(...subRa.vars);
}

function accumulateComponent(ctx: Ctx, kt: LoadedKustomization, loader: Loader, entry: string, field: string, ra: Accumulator): void {
  const path = loader.resolve(entry, field);
  if (loader.fs.stat(path) !== 'dir') throw new SourceError(`component '${entry}' must be a directory`, { file: kt.file, field });
  const sub = loadKustomization(loader.fs, path);
  if (sub.k.kind !== 'Component') {
    throw new SourceError(`expected kind 'Component' for path '${sub.dir || '.'}' but got '${sub.k.kind}'`, { file: kt.file, field });
  }
  accumulateTarget(ctx, loader.fs, sub, ra);
}

function runTransformers(kt: LoadedKustomization, loader: Loader, ra: Accumulator): void {
  const k = kt.k;
  const m = ra.resMap;
  const step = (field: string, fn: () => void): void => wrap(kt.file, field, fn);
  if (k.patchesStrategicMerge.length) step('patchesStrategicMerge', () => applyPatchesStrategicMerge(m, k, loader));
  k.patches.forEach((p, i) => step(`patches[${i}]`, () => applyPatchEntry(m, p, loader, `patches[${i}]`)));
  if (k.namespace) step('namespace', () => applyNamespace(m, k.namespace ?? ''));
  if (k.namePrefix) step('namePrefix', () => applyNameAffix(m, k.namePrefix ?? '', 'prefix'));
  if (k.nameSuffix) step('nameSuffix', () => applyNameAffix(m, k.nameSuffix ?? '', 'suffix'));
  k.labels.forEach((l, i) => step(`labels[${i}]`, () => applyStringMap(m, stringMap(l.pairs), labelEntrySpecs(l))));
  if (k.commonLabels) step('commonLabels', () => applyStringMap(m, k.commonLabels ?? {}, [...ra.config.commonLabels, ...COMMON_LABEL_SPECS]));
  if (k.commonAnnotations)
    step('commonAnnotations', () => applyStringMap(m, k.commonAnnotations ?? {}, [...ra.config.commonAnnotations, ...COMMON_ANNOTATION_SPECS]));
  if (k.patchesJson6902.length) step('patchesJson6902', () => applyPatchesJson6902(m, k, loader));
  if (k.replicas.length) step('replicas', () => applyReplicas(m, k.replicas));
  if (k.images.length) step('images', () => applyImages(m, k.images));
  if (k.replacements.length) step('replacements', () => applyReplacements(m, k.replacements, loader));
}

function stringMap(m: Record<string, unknown> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(m ?? {}).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
}
