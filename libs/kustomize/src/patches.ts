import type { KubeObject } from '@fjord/k8s-yaml';
import { SourceError } from '@fjord/source-fs';
import { patchMetadataAsStringMaps } from './annotation-values';
import { isMap } from './field-spec';
import { applyJsonPatch, asJsonPatch, keepRawValues, type JsonPatchOp } from './json-patch';
import type { Kustomization, PatchSpec, Selector } from './kustomization';
import type { Loader } from './loader';
import { parseObjects, parseValue } from './parse-objects';
import { idString, Resource, type ResId } from './resource';
import type { ResMap } from './res-map';
import { selectResources } from './selector';
import { applyStrategicMerge } from './smp';

interface SmPatchOptions {
  allowNameChange?: boolean;
  allowKindChange?: boolean;
}

/** Applies one strategic merge patch to one resource; restores name/kind/namespace unless allowed to change. */
function smPatchResource(m: ResMap, r: Resource, patch: KubeObject, opts: SmPatchOptions): void {
  const name = r.name();
  const ns = r.namespace();
  const kind = r.kind();
  if (opts.allowNameChange || opts.allowKindChange) r.storePreviousId();
  const meta = patch.metadata;
  if (meta === null || (isMap(meta) && meta.annotations === null)) r.forgetBuildHistory();
  const result = applyStrategicMerge(r.obj, structuredClone(patch));
  if (result === null || Object.keys(result).length === 0) {
    m.remove(r);
    return;
  }
  r.obj = result;
  if (!opts.allowKindChange) r.obj.kind = kind;
  if (!opts.allowNameChange) r.setName(name);
  r.setNamespace(ns);
}

function patchId(p: KubeObject): ResId {
  const r = new Resource(p);
  return r.curId();
}

/** Applies SMP documents that carry their own target id (no `target`). */
function applyByOwnId(m: ResMap, patches: KubeObject[], opts: SmPatchOptions, where: { file: string; field: string }): void {
  for (const p of patches) {
    const id = patchId(p);
    let target: Resource;
    try {
      target = m.getById(id, 'Id');
    } catch (err) {
      throw new SourceError(`${(err as Error).message}; failed to find unique target for patch ${idString(id)}`, where);
    }
    smPatchResource(m, target, p, opts);
  }
}

interface LoadedPatch {
  sm?: KubeObject[];
  json?: JsonPatchOp[];
}

function loadPatch(text: string, file: string, field: string): LoadedPatch {
  const trimmed = text.trim();
  let value: unknown;
  try {
    value = parseValue(trimmed, file, field);
  } catch {
    value = undefined;
  }
  const json = asJsonPatch(value);
  if (json) return { json: keepRawValues(json, text) };
  if (Array.isArray(value)) throw new SourceError(`unable to parse SM or JSON patch from ${trimmed}`, { file, field });
  return { sm: parseObjects(trimmed, file) };
}

/** The `patches` transformer, one entry. */
export function applyPatchEntry(m: ResMap, spec: PatchSpec, loader: Loader, field: string): void {
  const where = { file: loader.file, field };
  const inline = typeof spec.patch === 'string' ? spec.patch.trim() : '';
  if (!inline && !spec.path) throw new SourceError('must specify one of patch and path', where);
  if (inline && spec.path) throw new SourceError("patch and path can't be set at the same time", where);
  const text = spec.path ? loader.readText(spec.path, `${field}.path`) : inline;
  const patch = loadPatch(text, loader.file, field);
  const opts = spec.options ?? {};
  if (patch.json) {
    if (!spec.target) throw new SourceError(`must specify a target for JSON patch ${text.trim()}`, where);
    applyJsonToTargets(m, spec.target, patch.json, where);
    return;
  }
  const sm = patch.sm ?? [];
  if (!spec.target) {
    applyByOwnId(m, sm, opts, where);
    return;
  }
  if (sm.length > 1) throw new SourceError('Multiple Strategic-Merge Patches in one `patches` entry is not allowed to set `patches.target` field', where);
  // Each selected resource gets the patch with its own apiVersion (upstream copies the target's GVK, then the patch's kind).
  const smPatch = patchMetadataAsStringMaps(sm[0]);
  for (const r of selectResources(m.list, spec.target))
    smPatchResource(m, r, { ...smPatch, ...(r.obj.apiVersion !== undefined ? { apiVersion: r.obj.apiVersion } : {}) }, opts);
}

function applyJsonToTargets(m: ResMap, target: Selector, ops: JsonPatchOp[], where: { file: string; field: string }): void {
  for (const r of selectResources(m.list, target)) {
    r.storePreviousId();
    // kustomize's objects carry its build annotations while a JSON patch runs, so `metadata.annotations` is always
    // there to add to (`add /metadata/annotations/x` works on an object without annotations).
    const meta = isMap(r.obj.metadata) ? r.obj.metadata : undefined;
    const hadAnnotations = meta !== undefined && meta.annotations !== undefined;
    if (meta && !hadAnnotations) meta.annotations = {};
    try {
      applyJsonPatch(r.obj, ops);
    } catch (err) {
      throw new SourceError(`failed to apply JSON patch to ${idString(r.curId())}: ${(err as Error).message}`, where);
    } finally {
      const after = isMap(r.obj.metadata) ? r.obj.metadata : undefined;
      if (after && !hadAnnotations && isMap(after.annotations) && Object.keys(after.annotations).length === 0) delete after.annotations;
    }
  }
}

/** The legacy `patchesStrategicMerge` transformer: each entry is a file or an inline patch. */
export function applyPatchesStrategicMerge(m: ResMap, k: Kustomization, loader: Loader): void {
  const all: KubeObject[] = [];
  k.patchesStrategicMerge.forEach((entry, i) => {
    const field = `patchesStrategicMerge[${i}]`;
    const inline = tryInline(entry, loader.file);
    all.push(...(inline ?? parseObjects(loader.readText(entry, field), loader.resolve(entry, field))));
  });
  if (all.length === 0) throw new SourceError('patch appears to be empty', { file: loader.file, field: 'patchesStrategicMerge' });
  applyByOwnId(m, all.map(patchMetadataAsStringMaps), {}, { file: loader.file, field: 'patchesStrategicMerge' });
}

function tryInline(entry: string, file: string): KubeObject[] | undefined {
  try {
    const objs = parseObjects(entry, file);
    return objs.length > 0 && objs.every(isMap) ? objs : undefined;
  } catch {
    return undefined;
  }
}

/** The legacy `patchesJson6902` transformer. */
export function applyPatchesJson6902(m: ResMap, k: Kustomization, loader: Loader): void {
  k.patchesJson6902.forEach((entry, i) => {
    const field = `patchesJson6902[${i}]`;
    const where = { file: loader.file, field };
    if (!entry.target) throw new SourceError('must specify the target field in patchesJson6902', where);
    if (!entry.path && !entry.patch) throw new SourceError('must specify the path for a json patch file', where);
    const text = entry.patch ?? loader.readText(entry.path ?? '', `${field}.path`);
    const ops = asJsonPatch(parseValue(text, loader.file, field));
    if (!ops) throw new SourceError('the patch is not a list of JSON 6902 operations', where);
    applyJsonToTargets(m, entry.target, keepRawValues(ops, text), where);
  });
}
