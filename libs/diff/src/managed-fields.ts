import { deepEqual, isObject, toPointer, type JsonPath } from './json';

/** One entry of `metadata.managedFields`: who set which fields, how and when. */
export interface ManagedFieldsEntry {
  manager?: string;
  operation?: string;
  apiVersion?: string;
  time?: string;
  subresource?: string;
  fieldsType?: string;
  fieldsV1?: Record<string, unknown>;
}

/** The fields one manager owns in a live object, resolved to concrete locations in that object. */
export interface OwnedFields {
  entry: ManagedFieldsEntry;
  /** Pointers of fields owned as a whole (leaves of fieldsV1: scalars, atomic lists and maps). */
  leaves: Set<string>;
  /** Pointers of maps and list items whose existence (`.`) the manager owns. */
  members: Set<string>;
}

/** The managedFields entries of an object. */
export function managedFieldsOf(obj: unknown): ManagedFieldsEntry[] {
  const mf = isObject(obj) && isObject(obj.metadata) ? obj.metadata.managedFields : undefined;
  return Array.isArray(mf) ? (mf.filter(isObject) as ManagedFieldsEntry[]) : [];
}

/** Finds the list item a `k:{...}` or `v:...` element of fieldsV1 names, by index. */
function findItem(list: unknown, element: string): number {
  if (!Array.isArray(list)) return -1;
  if (element.startsWith('i:')) return Number(element.slice(2));
  let wanted: unknown;
  try {
    wanted = JSON.parse(element.slice(2));
  } catch {
    return -1;
  }
  if (element.startsWith('v:')) return list.findIndex((item) => deepEqual(item, wanted));
  if (!isObject(wanted)) return -1;
  return list.findIndex((item) => isObject(item) && Object.entries(wanted as object).every(([k, v]) => deepEqual(item[k], v)));
}

function walk(node: Record<string, unknown>, value: unknown, path: JsonPath, owned: OwnedFields): void {
  for (const [element, child] of Object.entries(node)) {
    if (element === '.') {
      owned.members.add(toPointer(path));
      continue;
    }
    let next: JsonPath;
    let nextValue: unknown;
    if (element.startsWith('f:')) {
      const name = element.slice(2);
      next = [...path, name];
      nextValue = isObject(value) ? value[name] : undefined;
    } else {
      const index = findItem(value, element);
      if (index < 0) continue;
      next = [...path, index];
      nextValue = (value as unknown[])[index];
    }
    if (isObject(child) && Object.keys(child).length > 0) walk(child, nextValue, next, owned);
    else owned.leaves.add(toPointer(next));
  }
}

/**
 * Resolves every managedFields entry of a live object to the concrete fields it owns, located in `doc` (the object
 * itself by default, or a normalised copy of it in which list items are found again by their keys).
 */
export function resolveManagedFields(obj: unknown, doc: unknown = obj): OwnedFields[] {
  return managedFieldsOf(obj).map((entry) => {
    const owned: OwnedFields = { entry, leaves: new Set(), members: new Set() };
    if (isObject(entry.fieldsV1)) walk(entry.fieldsV1, doc, [], owned);
    return owned;
  });
}

/**
 * Whether a manager owns the field at `path`: the field itself, an ancestor owned as a whole, or (for a subtree
 * that differs as a whole) any field inside it.
 */
export function owns(owned: OwnedFields, path: JsonPath): boolean {
  const pointer = toPointer(path);
  if (owned.leaves.has(pointer) || owned.members.has(pointer)) return true;
  for (let i = path.length - 1; i > 0; i--) if (owned.leaves.has(toPointer(path.slice(0, i)))) return true;
  const prefix = pointer + '/';
  for (const leaf of owned.leaves) if (leaf.startsWith(prefix)) return true;
  return false;
}
