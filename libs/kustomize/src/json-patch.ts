import { isMap } from './field-spec';
import { goJsonMarshal } from './go-json';
import { parseRawJson, RawScalar, type RawJson } from './raw-json';

/** One RFC 6902 operation. */
export interface JsonPatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
  /** The value as written, when the patch is JSON text kustomize passes on as is (see `keepRawValues`). */
  rawValue?: RawJson;
}

/** Checks that a parsed value is a list of operations; returns undefined when it is not a JSON patch at all. */
export function asJsonPatch(v: unknown): JsonPatchOp[] | undefined {
  if (!Array.isArray(v)) return undefined;
  for (const op of v) if (!isMap(op) || typeof op.op !== 'string') return undefined;
  return v as JsonPatchOp[];
}

/**
 * Keeps each operation's value as written when kustomize would hand the patch text to the JSON patch library as is
 * (it starts with `[`; anything else is converted from YAML, which writes scalars as Go does). Only `test` reads it.
 */
export function keepRawValues(ops: JsonPatchOp[], text: string): JsonPatchOp[] {
  if (!text.startsWith('[')) return ops;
  const raw = parseRawJson(text);
  if (!Array.isArray(raw) || raw.length !== ops.length) return ops;
  return ops.map((o, i) => {
    const r = raw[i];
    const value = r instanceof Map ? r.get('value') : undefined;
    return value === undefined ? o : { ...o, rawValue: value };
  });
}

/*
 * The semantics are those of the JSON patch library kustomize 5.8.1 applies (evanphx/json-patch v4), which are
 * looser than RFC 6902 in ways real kustomizations rely on: `replace` of a missing key adds it, `copy` (or `test`
 * for null) of a missing key reads null, negative array indices count from the end, and object equality in `test`
 * ignores key order.
 */

function parsePointer(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

interface Slot {
  parent: Record<string, unknown> | unknown[];
  key: string;
}

/** The container holding the last segment of `path`, or undefined when a step on the way is missing or a scalar. */
function locate(doc: unknown, path: string): Slot | undefined {
  if (!path.includes('/')) return undefined;
  const parts = parsePointer(path);
  let node = doc;
  for (const part of parts.slice(0, -1)) {
    node = Array.isArray(node) ? node[arrayIndex(part, node.length, false) ?? -1] : isMap(node) ? node[part] : undefined;
    if (node === undefined || node === null) return undefined;
  }
  return isMap(node) || Array.isArray(node) ? { parent: node, key: parts[parts.length - 1] } : undefined;
}

function mustLocate(doc: unknown, path: string, what: string): Slot {
  const slot = locate(doc, path);
  if (!slot) throw new Error(`${what} does not apply: doc is missing path: "${path}"`);
  return slot;
}

/** Go's strconv.Atoi, then a negative index counted from the end; undefined when out of range. */
function arrayIndex(part: string, length: number, forInsert: boolean): number | undefined {
  if (!/^[+-]?\d+$/.test(part)) throw new Error(`value was not a proper array index: '${part}'`);
  let i = Number(part);
  const size = forInsert ? length + 1 : length;
  if (i < 0) {
    if (i < -size) return undefined;
    i += size;
  }
  return i < size ? i : undefined;
}

function get(slot: Slot): unknown {
  if (!Array.isArray(slot.parent)) return slot.parent[slot.key] ?? null;
  const i = arrayIndex(slot.key, slot.parent.length, false);
  if (i === undefined) throw new Error(`Unable to access invalid index: ${slot.key}`);
  return slot.parent[i];
}

function add(slot: Slot, value: unknown): void {
  if (!Array.isArray(slot.parent)) {
    slot.parent[slot.key] = value;
    return;
  }
  if (slot.key === '-') {
    slot.parent.push(value);
    return;
  }
  const i = arrayIndex(slot.key, slot.parent.length, true);
  if (i === undefined) throw new Error(`Unable to access invalid index: ${slot.key}`);
  slot.parent.splice(i, 0, value);
}

function remove(slot: Slot): void {
  if (!Array.isArray(slot.parent)) {
    if (!(slot.key in slot.parent)) throw new Error(`Unable to remove nonexistent key: ${slot.key}`);
    delete slot.parent[slot.key];
    return;
  }
  const i = arrayIndex(slot.key, slot.parent.length, false);
  if (i === undefined) throw new Error(`Unable to access invalid index: ${slot.key}`);
  slot.parent.splice(i, 1);
}

function replace(slot: Slot, value: unknown): void {
  if (!Array.isArray(slot.parent)) {
    slot.parent[slot.key] = value;
    return;
  }
  const i = arrayIndex(slot.key, slot.parent.length, false);
  if (i === undefined) throw new Error(`replace operation does not apply: doc is missing key: ${slot.key}`);
  slot.parent[i] = value;
}

/** Applies the operations in place; errors (missing paths, failed tests) throw. */
export function applyJsonPatch(doc: Record<string, unknown>, ops: readonly JsonPatchOp[]): void {
  for (const o of ops) {
    const value = o.value === undefined ? null : structuredClone(o.value);
    switch (o.op) {
      case 'add':
        add(mustLocate(doc, o.path, 'add operation'), value);
        break;
      case 'remove':
        remove(mustLocate(doc, o.path, 'remove operation'));
        break;
      case 'replace':
        if (o.path === '') throw new Error('replace operation on the document root is not supported');
        replace(mustLocate(doc, o.path, 'replace operation'), value);
        break;
      case 'move': {
        const from = mustLocate(doc, o.from ?? '', 'move operation');
        const moved = get(from);
        remove(from);
        add(mustLocate(doc, o.path, 'move operation'), moved);
        break;
      }
      case 'copy': {
        const copied = structuredClone(get(mustLocate(doc, o.from ?? '', 'copy operation')));
        add(mustLocate(doc, o.path, 'copy operation'), copied);
        break;
      }
      case 'test': {
        const actual = o.path === '' ? doc : get(mustLocate(doc, o.path, 'test operation'));
        const equal = o.rawValue === undefined ? jsonEqual(actual ?? null, value) : rawEqual(actual ?? null, o.rawValue);
        if (!equal) throw new Error(`testing value ${o.path} failed`);
        break;
      }
      default:
        throw new Error(`Unexpected kind: ${o.op}`);
    }
  }
}

/** Equality of JSON values, object keys in any order. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((v, i) => jsonEqual(v, b[i]));
  if (isMap(a) || isMap(b)) {
    if (!isMap(a) || !isMap(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => k in b && jsonEqual(a[k], b[k]));
  }
  return a === b;
}

/**
 * evanphx/json-patch v4's equality of a document value and a patch value written as JSON: maps by keys, lists by
 * position, scalars by their JSON bytes (the document's as Go's encoding/json writes them, the patch's as written).
 */
function rawEqual(actual: unknown, raw: RawJson): boolean {
  const rawNull = raw instanceof RawScalar && raw.text === 'null';
  if (actual === null || rawNull) return actual === null && rawNull;
  if (Array.isArray(actual)) return Array.isArray(raw) && raw.length === actual.length && actual.every((v, i) => rawEqual(v, raw[i]));
  if (isMap(actual)) {
    if (!(raw instanceof Map)) return false;
    const keys = Object.keys(actual);
    return keys.length === raw.size && keys.every((k) => raw.has(k) && rawEqual(actual[k], raw.get(k) as RawJson));
  }
  return raw instanceof RawScalar && raw.text === goJsonMarshal(actual);
}
