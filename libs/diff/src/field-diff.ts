import { deepEqual, isObject, type Json, type JsonPath } from './json';
import { describeItem, itemKey, listKeys } from './list-keys';

/** How a field differs: set in both but differently, only in the desired state, or only in the live state. */
export const FieldChange = {
  Modified: 'modified',
  Added: 'added',
  Removed: 'removed',
} as const;

/** One of the field changes. */
export type FieldChange = (typeof FieldChange)[keyof typeof FieldChange];

/** One field that differs between the live and the desired (predicted live) object. */
export interface FieldDifference {
  /** Readable path, e.g. `spec.template.spec.containers[name=web].image`. */
  path: string;
  change: FieldChange;
  /** Where the field is in the live object (absent for added fields). */
  livePath?: JsonPath;
  /** Where the field is in the desired object (absent for removed fields). */
  targetPath?: JsonPath;
}

const join = (display: string, key: string | number) =>
  typeof key === 'number' ? `${display}[${key}]` : /^[A-Za-z0-9_-]+$/.test(key) ? (display ? `${display}.${key}` : key) : `${display}[${JSON.stringify(key)}]`;

interface Cursor {
  live: JsonPath;
  target: JsonPath;
  display: string;
}

/** Lists the fields that differ between a live object and its desired form, matching keyed lists by key. */
export function fieldDifferences(live: Json, target: Json): FieldDifference[] {
  const out: FieldDifference[] = [];
  walk(live, target, { live: [], target: [], display: '' }, out);
  return out;
}

function walk(live: Json | undefined, target: Json | undefined, at: Cursor, out: FieldDifference[]): void {
  if (deepEqual(live, target)) return;
  if (live === undefined) return void out.push({ path: at.display, change: FieldChange.Added, targetPath: at.target });
  if (target === undefined) return void out.push({ path: at.display, change: FieldChange.Removed, livePath: at.live });
  const modified = () => out.push({ path: at.display, change: FieldChange.Modified, livePath: at.live, targetPath: at.target });
  if (isObject(live) && isObject(target)) {
    for (const key of new Set([...Object.keys(live), ...Object.keys(target)])) {
      walk(live[key], target[key], { live: [...at.live, key], target: [...at.target, key], display: join(at.display, key) }, out);
    }
    return;
  }
  if (Array.isArray(live) && Array.isArray(target)) return walkList(live, target, at, out, modified);
  modified();
}

function walkList(live: Json[], target: Json[], at: Cursor, out: FieldDifference[], modified: () => void): void {
  const keys = listKeys(at.live[at.live.length - 1], live, target);
  const before = out.length;
  if (keys) {
    const liveIndex = new Map(live.map((item, i) => [itemKey(item, keys), i]));
    const targetIndex = new Map(target.map((item, i) => [itemKey(item, keys), i]));
    for (const [key, i] of liveIndex) {
      const j = targetIndex.get(key);
      const display = at.display + describeItem(live[i], keys);
      walk(live[i], j === undefined ? undefined : target[j], { live: [...at.live, i], target: [...at.target, j ?? i], display }, out);
    }
    for (const [key, j] of targetIndex) {
      if (liveIndex.has(key)) continue;
      out.push({ path: at.display + describeItem(target[j], keys), change: FieldChange.Added, targetPath: [...at.target, j] });
    }
    // Same elements in another order: the list itself differs.
    if (out.length === before) modified();
    return;
  }
  if (live.length !== target.length) return modified();
  live.forEach((item, i) => walk(item, target[i], { live: [...at.live, i], target: [...at.target, i], display: `${at.display}[${i}]` }, out));
}
