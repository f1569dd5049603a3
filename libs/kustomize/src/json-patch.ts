import { isMap } from './field-spec';

/** One RFC 6902 operation. */
export interface JsonPatchOp {
  op: string;
  path: string;
  value?: unknown;
  from?: string;
}

/** Checks that a parsed value is a list of operations; returns undefined when it is not a JSON patch at all. */
export function asJsonPatch(v: unknown): JsonPatchOp[] | undefined {
  if (!Array.isArray(v)) return undefined;
  for (const op of v) if (!isMap(op) || typeof op.op !== 'string') return undefined;
  return v as JsonPatchOp[];
}

function parsePointer(path: string): string[] {
  if (path === '') return [];
  if (!path.startsWith('/')) throw new Error(`invalid JSON pointer "${path}"`);
  return path
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
}

interface Slot {
  parent: Record<string, unknown> | unknown[];
  key: string;
}

function locate(doc: unknown, path: string, op: string): Slot {
  const parts = parsePointer(path);
  if (parts.length === 0) throw new Error(`${op} operation on the document root is not supported`);
  let node = doc;
  for (const part of parts.slice(0, -1)) {
    node = child(node, part);
    if (node === undefined) throw new Error(`${op} operation does not apply: doc is missing path: "${path}"`);
  }
  if (!isMap(node) && !Array.isArray(node)) throw new Error(`${op} operation does not apply: doc is missing path: "${path}"`);
  return { parent: node, key: parts[parts.length - 1] };
}

function child(node: unknown, part: string): unknown {
  if (Array.isArray(node)) {
    const i = index(part, node.length, false);
    return node[i];
  }
  return isMap(node) ? node[part] : undefined;
}

/** An array index; negative indices count from the end (as kustomize's JSON patch library allows). */
function index(part: string, length: number, forInsert: boolean): number {
  if (part === '-' && forInsert) return length;
  if (!/^-?\d+$/.test(part)) throw new Error(`invalid array index "${part}"`);
  let i = Number(part);
  if (i < 0) i += length;
  const max = forInsert ? length : length - 1;
  if (i < 0 || i > max) throw new Error(`array index ${part} out of bounds`);
  return i;
}

function get(slot: Slot, op: string, path: string): unknown {
  if (Array.isArray(slot.parent)) return slot.parent[index(slot.key, slot.parent.length, false)];
  if (!(slot.key in slot.parent)) throw new Error(`${op} operation does not apply: doc is missing key: ${path}`);
  return slot.parent[slot.key];
}

function add(slot: Slot, value: unknown): void {
  if (Array.isArray(slot.parent)) slot.parent.splice(index(slot.key, slot.parent.length, true), 0, value);
  else slot.parent[slot.key] = value;
}

function remove(slot: Slot, op: string, path: string): unknown {
  const old = get(slot, op, path);
  if (Array.isArray(slot.parent)) slot.parent.splice(index(slot.key, slot.parent.length, false), 1);
  else delete slot.parent[slot.key];
  return old;
}

/** Applies RFC 6902 operations in place; errors (missing paths, failed tests) throw. */
export function applyJsonPatch(doc: Record<string, unknown>, ops: readonly JsonPatchOp[]): void {
  for (const o of ops) {
    const value = structuredClone(o.value);
    switch (o.op) {
      case 'add':
        add(locate(doc, o.path, 'add'), value);
        break;
      case 'remove':
        remove(locate(doc, o.path, 'remove'), 'remove', o.path);
        break;
      case 'replace': {
        const slot = locate(doc, o.path, 'replace');
        remove(slot, 'replace', o.path);
        add(slot, value);
        break;
      }
      case 'move':
      case 'copy': {
        const from = locate(doc, o.from ?? '', o.op);
        const v = o.op === 'move' ? remove(from, o.op, o.from ?? '') : structuredClone(get(from, o.op, o.from ?? ''));
        add(locate(doc, o.path, o.op), v);
        break;
      }
      case 'test': {
        const actual = get(locate(doc, o.path, 'test'), 'test', o.path);
        if (JSON.stringify(actual) !== JSON.stringify(value)) throw new Error(`testing value ${o.path} failed`);
        break;
      }
      default:
        throw new Error(`unexpected JSON patch operation "${o.op}"`);
    }
  }
}
