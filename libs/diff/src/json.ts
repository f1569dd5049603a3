/** A JSON value as Kubernetes objects hold them. */
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** A JSON object. */
export type JsonObject = { [key: string]: Json };

/** A concrete location in a JSON document: object keys and array indices. */
export type JsonPath = (string | number)[];

/** Whether a value is a plain JSON object (not null, not an array). */
export function isObject(value: unknown): value is JsonObject {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}

/** Deep structural equality of two JSON values; key order does not matter. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}

/** A deep copy of a JSON value. */
export function clone<T>(value: T): T {
  return value === undefined ? value : (JSON.parse(JSON.stringify(value)) as T);
}

/** The value at a path, or undefined. */
export function getAt(doc: unknown, path: JsonPath): unknown {
  let cur: unknown = doc;
  for (const seg of path) {
    if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
    else if (isObject(cur) && typeof seg === 'string') cur = cur[seg];
    else return undefined;
  }
  return cur;
}

/** Sets the value at a path whose parent exists; returns whether it did. */
export function setAt(doc: unknown, path: JsonPath, value: Json): boolean {
  const parent = getAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number' && last < parent.length) parent[last] = value;
  else if (isObject(parent) && typeof last === 'string') parent[last] = value;
  else return false;
  return true;
}

/** Removes the value at a path; returns whether something was removed. */
export function removeAt(doc: unknown, path: JsonPath): boolean {
  const parent = getAt(doc, path.slice(0, -1));
  const last = path[path.length - 1];
  if (Array.isArray(parent) && typeof last === 'number' && last < parent.length) parent.splice(last, 1);
  else if (isObject(parent) && typeof last === 'string' && last in parent) delete parent[last];
  else return false;
  return true;
}

/**
 * Removes several paths from a document at once, deepest and highest array index first, so that removing one
 * does not shift another (jq's delpaths).
 */
export function removeAll(doc: unknown, paths: JsonPath[]): void {
  const sorted = [...paths].sort(comparePathsDescending);
  for (const p of sorted) removeAt(doc, p);
}

function comparePathsDescending(a: JsonPath, b: JsonPath): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    if (a[i] === b[i]) continue;
    if (typeof a[i] === 'number' && typeof b[i] === 'number') return (b[i] as number) - (a[i] as number);
    return String(b[i]) < String(a[i]) ? -1 : 1;
  }
  return b.length - a.length;
}

/** A path as a JSON pointer (RFC 6901), used as a set key. */
export function toPointer(path: JsonPath): string {
  return path.map((s) => '/' + String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('');
}
