import { FieldChange, type FieldDifference } from './field-diff';
import type { JsonObject } from './json';
import { owns, resolveManagedFields, type ManagedFieldsEntry } from './managed-fields';

/** A field manager that set a field, from the live object's managedFields. */
export interface FieldManagerRef {
  manager: string;
  operation?: string;
  time?: string;
  subresource?: string;
}

/** A field that differs from the desired state and who last set it in the cluster ("who drifted what"). */
export interface DriftedField {
  path: string;
  change: FieldChange;
  /** Managers that own the live value, most recent first; empty when the field is missing from the live object. */
  managers: FieldManagerRef[];
}

function ref(entry: ManagedFieldsEntry): FieldManagerRef {
  const out: FieldManagerRef = { manager: entry.manager ?? '' };
  if (entry.operation) out.operation = entry.operation;
  if (entry.time) out.time = entry.time;
  if (entry.subresource) out.subresource = entry.subresource;
  return out;
}

/**
 * Attributes each differing field to the managers that own its live value. `managedFieldsOf` is the raw live
 * object (with managedFields); `normalizedLive` is the object the differences were computed on, in which list items
 * are found by their keys. Managers named in `exclude` (e.g. Fjord's own) are not blamed.
 */
export function attributeDrift(
  differences: readonly FieldDifference[],
  managedFieldsOf: JsonObject,
  normalizedLive: JsonObject,
  exclude: readonly string[] = [],
): DriftedField[] {
  const owners = resolveManagedFields(managedFieldsOf, normalizedLive);
  return differences.map((d) => {
    const managers = d.livePath ? owners.filter((o) => !exclude.includes(o.entry.manager ?? '') && owns(o, d.livePath!)).map((o) => ref(o.entry)) : [];
    managers.sort((a, b) => (b.time ?? '').localeCompare(a.time ?? ''));
    return { path: d.path, change: d.change, managers };
  });
}

/** A one-line account of a drifted field for people, e.g. `kubectl-edit changed spec.replicas at 2026-11-29T12:03:00Z`. */
export function describeDrift(field: DriftedField): string {
  const who = field.managers[0];
  const verb = field.change === FieldChange.Added ? 'removed' : field.change === FieldChange.Removed ? 'added' : 'changed';
  if (!who) return `${field.path} differs from the desired state`;
  return `${who.manager} ${verb} ${field.path}${who.time ? ` at ${who.time}` : ''}`;
}
