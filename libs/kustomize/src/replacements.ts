import { SourceError } from '@fjord/source-fs';
import { isMap } from './field-spec';
import { findFieldSlots, getField, parseFieldPath } from './field-path';
import type { Selector } from './kustomization';
import type { Loader } from './loader';
import { parseValue } from './parse-objects';
import { idString, type Resource } from './resource';
import type { ResMap } from './res-map';
import { selectResources } from './selector';

interface ReplacementOptions {
  delimiter?: string;
  index?: number;
  create?: boolean;
}

interface Replacement {
  source?: Selector & { fieldPath?: string; options?: ReplacementOptions };
  targets?: { select?: Selector; reject?: Selector[]; fieldPaths?: string[]; options?: ReplacementOptions }[];
  path?: string;
}

/** The `replacements` transformer: copies a field of one source object into fields of the selected targets. */
export function applyReplacements(m: ResMap, entries: readonly Record<string, unknown>[], loader: Loader): void {
  entries.forEach((entry, i) => {
    const field = `replacements[${i}]`;
    const list = typeof entry.path === 'string' ? loadFile(entry.path, loader, field) : [entry as Replacement];
    for (const r of list) applyOne(m, r, loader.file, field);
  });
}

function loadFile(path: string, loader: Loader, field: string): Replacement[] {
  const v = parseValue(loader.readText(path, `${field}.path`), loader.resolve(path, field));
  return (Array.isArray(v) ? v : [v]) as Replacement[];
}

function applyOne(m: ResMap, r: Replacement, file: string, field: string): void {
  if (!r.source) throw new SourceError('replacement has no source', { file, field });
  const sources = selectResources(m.list, r.source);
  if (sources.length > 1) throw new SourceError(`multiple matches for selector ${JSON.stringify(r.source)}`, { file, field });
  if (sources.length === 0) throw new SourceError(`nothing selected by ${JSON.stringify(r.source)}`, { file, field });
  let value = getField(sources[0].obj, r.source.fieldPath || 'metadata.name');
  if (value === undefined)
    throw new SourceError(`fieldPath \`${r.source.fieldPath}\` is missing for replacement source ${idString(sources[0].curId())}`, { file, field });
  const opts = r.source.options;
  if (opts?.delimiter && typeof value === 'string') {
    const parts = value.split(opts.delimiter);
    const idx = opts.index ?? 0;
    if (idx < 0 || idx >= parts.length) throw new SourceError(`options.index ${idx} is out of bounds for value ${value}`, { file, field });
    value = parts[idx];
  }
  for (const t of r.targets ?? []) {
    if (!t.select) throw new SourceError('target must specify resources to select', { file, field });
    const rejected = (res: Resource): boolean => (t.reject ?? []).some((sel) => selectResources([res], sel).length > 0);
    for (const res of selectResources(m.list, t.select)) {
      if (rejected(res)) continue;
      for (const fp of t.fieldPaths ?? ['metadata.name']) setTarget(res, fp, value, t.options ?? {}, file, field);
    }
  }
}

function setTarget(res: Resource, fp: string, value: unknown, opts: ReplacementOptions, file: string, field: string): void {
  const slots = findFieldSlots(res.obj, parseFieldPath(fp), Boolean(opts.create));
  if (slots.length === 0) throw new SourceError(`unable to find field "${fp}" in replacement target ${idString(res.curId())}`, { file, field });
  // An annotation keeps the text itself: kustomize reads annotations back as text ("" stays "", never null).
  const intoAnnotations = fp.startsWith('metadata.annotations.');
  for (const { parent, key } of slots) {
    const p = parent as Record<string | number, unknown>;
    if (opts.delimiter) {
      // Upstream splits the target's text: a field just created is "", one part, so index 1 appends after it ("-v").
      const current = p[key];
      if (isMap(current) || Array.isArray(current)) throw new SourceError('delimiter option can only be used with scalar nodes', { file, field });
      const parts = (current === undefined || current === null ? '' : String(current)).split(opts.delimiter);
      const idx = opts.index ?? 0;
      if (idx < 0) parts.unshift(String(value));
      else if (idx >= parts.length) parts.push(String(value));
      else parts[idx] = String(value);
      const joined = parts.join(opts.delimiter);
      p[key] = intoAnnotations ? joined : scalarInto(current, joined);
    } else if (isMap(value) || Array.isArray(value)) {
      p[key] = structuredClone(value);
    } else {
      try {
        p[key] = isMap(p[key]) || Array.isArray(p[key]) ? value : intoAnnotations ? scalarText(value) : scalarInto(p[key], scalarText(value));
      } catch (err) {
        throw new SourceError(`${(err as Error).message} (replacement target ${idString(res.curId())} ${fp})`, { file, field });
      }
    }
  }
}

/** A scalar's text as its YAML node holds it. */
function scalarText(v: unknown): string {
  return v === null || v === undefined ? '' : String(v);
}

/**
 * What a target scalar becomes when kustomize copies only the source's text into it, keeping the target's type: a
 * string stays a string ("5"), a number stays a number when the text is one; a field just created (or null) has no
 * type yet, so the text is read as YAML reads a plain scalar ("" → null, "5" → 5, "true" → true).
 */
function scalarInto(current: unknown, text: string): unknown {
  if (typeof current === 'string') return text;
  if (typeof current === 'number') {
    const value = plainScalar(text);
    // The target keeps its !!int (or !!float) tag, so text that is no such number fails to decode, as upstream.
    const fits = typeof value === 'number' && (!Number.isInteger(current) || Number.isInteger(value));
    if (!fits) throw new Error(`yaml: cannot decode !!str \`${text}\` as a ${Number.isInteger(current) ? '!!int' : '!!float'}`);
    return value;
  }
  if (typeof current === 'boolean') {
    const value = plainScalar(text);
    if (typeof value !== 'boolean') throw new Error(`yaml: cannot decode !!str \`${text}\` as a !!bool`);
    return value;
  }
  return plainScalar(text);
}

/** A plain YAML 1.2 scalar's value (kyaml's reading): null, bool, int, float, else the string. */
function plainScalar(text: string): unknown {
  if (/^(|~|null|Null|NULL)$/.test(text)) return null;
  if (/^(true|True|TRUE)$/.test(text)) return true;
  if (/^(false|False|FALSE)$/.test(text)) return false;
  if (/^[-+]?[0-9]+$/.test(text)) return Number(text);
  if (/^0x[0-9a-fA-F]+$/.test(text)) return Number.parseInt(text.slice(2), 16);
  if (/^0o[0-7]+$/.test(text)) return Number.parseInt(text.slice(2), 8);
  if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
  return text;
}
