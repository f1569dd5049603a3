import type { Gvk } from './resource';

/** Where a transformer writes: a slash-separated path in objects of the selected GVK (empty fields match any). */
export interface FieldSpec {
  group?: string;
  version?: string;
  kind?: string;
  path: string;
  /** Create missing intermediate maps (and the final field) when true. */
  create?: boolean;
}

/** Called for each place a field spec reaches: the parent map and the key of the field there. */
export type FieldVisitor = (parent: Record<string, unknown>, key: string) => void;

/** Splits a field-spec path on `/`, honouring `\/` escapes; a trailing `[]` marks a list and is dropped. */
export function splitPath(path: string): string[] {
  return splitMarked(path).map((s) => (s.endsWith('[]') ? s.slice(0, -2) : s));
}

/** Splits a field-spec path, keeping the `[]` that marks a list segment (one never created, as upstream). */
function splitMarked(path: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < path.length; i++) {
    if (path[i] === '\\' && path[i + 1] === '/') {
      cur += '/';
      i++;
    } else if (path[i] === '/') {
      out.push(cur);
      cur = '';
    } else cur += path[i];
  }
  out.push(cur);
  return out.filter((s) => s !== '' && s !== '[]');
}

/** Whether the object's GVK is selected by the field spec. */
export function specSelects(spec: FieldSpec, gvk: Gvk): boolean {
  if (spec.group && spec.group !== gvk.group) return false;
  if (spec.version && spec.version !== gvk.version) return false;
  if (spec.kind && spec.kind !== gvk.kind) return false;
  return true;
}

/**
 * Walks `segments` from `node`, fanning out over lists, and calls `visit` with the parent of the final field.
 * Missing maps on the way are created only when `create` is set, and never for a segment marked `name[]` (a list:
 * a StatefulSet without volumeClaimTemplates gets none); the final field is visited when present or when
 * `create` is set (the visitor decides what to create).
 */
export function walkPath(node: unknown, segments: readonly string[], create: boolean, visit: FieldVisitor): void {
  if (Array.isArray(node)) {
    for (const item of node) walkPath(item, segments, create, visit);
    return;
  }
  if (!isMap(node) || segments.length === 0) return;
  const [marked, ...rest] = segments;
  const isList = marked.endsWith('[]');
  const seg = isList ? marked.slice(0, -2) : marked;
  if (rest.length === 0) {
    if (seg in node || (create && !isList)) visit(node, seg);
    return;
  }
  let child = node[seg];
  if (child === undefined || child === null) {
    if (!create || isList) return;
    child = node[seg] = {};
  }
  walkPath(child, rest, create, visit);
}

/** Applies a field spec to an object when its GVK is selected. */
export function applyFieldSpec(obj: Record<string, unknown>, gvk: Gvk, spec: FieldSpec, visit: FieldVisitor): void {
  if (!specSelects(spec, gvk)) return;
  walkPath(obj, splitMarked(spec.path), spec.create === true, visit);
}

/** True for a plain (non-list) object. */
export function isMap(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
