import { globMatch, GlobDialect, type ResourceIgnoreDifferences, type ResourceKey } from '@fjord/argo';
import type { KubeObject } from '@fjord/k8s-yaml';
import { FieldChange, fieldDifferences } from './field-diff';
import { compileJqPath, jqDelete, jqPaths, type JqPathExpression } from './jq';
import { clone, getAt, isObject, removeAll, removeAt, setAt, toPointer, type Json, type JsonPath } from './json';
import { owns, resolveManagedFields } from './managed-fields';

/** ignoreDifferences entries checked and compiled once per comparison. */
export interface CompiledIgnoreDifferences {
  entries: { rule: ResourceIgnoreDifferences; jq: JqPathExpression[] }[];
}

/** An ignoreDifferences entry that cannot be used (bad jq syntax or JSON pointer), naming the entry. */
export class IgnoreDifferencesError extends Error {
  override name = 'IgnoreDifferencesError';
}

/** Compiles ignoreDifferences entries; throws IgnoreDifferencesError for a jq expression or pointer that is invalid. */
export function compileIgnoreDifferences(rules: readonly ResourceIgnoreDifferences[] = []): CompiledIgnoreDifferences {
  return {
    entries: rules.map((rule) => {
      for (const pointer of rule.jsonPointers ?? []) {
        if (pointer !== '' && !pointer.startsWith('/')) {
          throw new IgnoreDifferencesError(`invalid ignoreDifferences jsonPointer ${JSON.stringify(pointer)} for kind ${rule.kind}: must start with "/"`);
        }
      }
      const jq = (rule.jqPathExpressions ?? []).map((expr) => {
        try {
          return compileJqPath(expr);
        } catch (err) {
          throw new IgnoreDifferencesError(`invalid ignoreDifferences jqPathExpression for kind ${rule.kind}: ${(err as Error).message}`);
        }
      });
      return { rule, jq };
    }),
  };
}

function matches(rule: ResourceIgnoreDifferences, key: ResourceKey): boolean {
  return (
    globMatch(rule.group ?? '', key.group, GlobDialect.IgnoreDifferences) &&
    globMatch(rule.kind, key.kind, GlobDialect.IgnoreDifferences) &&
    (!rule.name || rule.name === key.name) &&
    (!rule.namespace || rule.namespace === key.namespace)
  );
}

/** The managers whose fields are to be ignored for a resource (`managedFieldsManagers` of matching entries). */
export function ignoredManagers(compiled: CompiledIgnoreDifferences, key: ResourceKey): string[] {
  return [...new Set(compiled.entries.filter((e) => matches(e.rule, key)).flatMap((e) => e.rule.managedFieldsManagers ?? []))];
}

/** Resolves a JSON pointer to a path in a document, or undefined when it points at nothing. */
export function resolvePointer(doc: unknown, pointer: string): JsonPath | undefined {
  if (pointer === '') return [];
  const path: JsonPath = [];
  let cur: unknown = doc;
  for (const raw of pointer.slice(1).split('/')) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (Array.isArray(cur) && /^(0|[1-9]\d*)$/.test(token) && Number(token) < cur.length) {
      path.push(Number(token));
      cur = cur[Number(token)];
    } else if (isObject(cur) && token in cur) {
      path.push(token);
      cur = cur[token];
    } else {
      return undefined;
    }
  }
  return path;
}

/** Removes from an object, in place, the fields that matching entries' jsonPointers and jqPathExpressions select. */
export function applyIgnoreDifferences(compiled: CompiledIgnoreDifferences, key: ResourceKey, obj: KubeObject): void {
  for (const { rule, jq } of compiled.entries) {
    if (!matches(rule, key)) continue;
    for (const pointer of rule.jsonPointers ?? []) {
      const path = resolvePointer(obj, pointer);
      if (path && path.length > 0) removeAt(obj, path);
    }
    for (const expr of jq) jqDelete(expr, obj);
  }
}

/** The paths in `obj` that the matching entries' jsonPointers and jqPathExpressions select (a failing jq selects nothing). */
export function ignoredPaths(compiled: CompiledIgnoreDifferences, key: ResourceKey, obj: KubeObject): JsonPath[] {
  const paths: JsonPath[] = [];
  for (const { rule, jq } of compiled.entries) {
    if (!matches(rule, key)) continue;
    for (const pointer of rule.jsonPointers ?? []) {
      const path = resolvePointer(obj, pointer);
      if (path && path.length > 0) paths.push(path);
    }
    for (const expr of jq) {
      try {
        paths.push(...jqPaths(expr, obj).filter((p) => p.length > 0));
      } catch {
        // as applyIgnoreDifferences: an expression failing on this object selects nothing
      }
    }
  }
  return paths;
}

/**
 * What `RespectIgnoreDifferences=true` applies instead of `target`: a copy in which every field that ignoreDifferences
 * selects (in the target or in the live object) has its live value, or is absent when the live object has none, and
 * every field both set that a `managedFieldsManagers` manager owns in the live object has its live value, so that a
 * sync leaves ignored fields as the cluster has them. Argo CD gets the same by normalising the target with the live
 * object. A field whose parent the target lacks is created; one under a shorter array is left alone.
 */
export function keepIgnoredFields(compiled: CompiledIgnoreDifferences, key: ResourceKey, target: KubeObject, live: KubeObject): KubeObject {
  const out = clone(target);
  const byPointer = new Map<string, JsonPath>();
  for (const p of [...ignoredPaths(compiled, key, target), ...ignoredPaths(compiled, key, live)]) byPointer.set(toPointer(p), p);
  const absent: JsonPath[] = [];
  for (const path of byPointer.values()) {
    const value = getAt(live, path);
    if (value === undefined) absent.push(path);
    else setCreating(out, path, clone(value as Json));
  }
  removeAll(out, absent);
  const managers = ignoredManagers(compiled, key);
  if (managers.length === 0) return out;
  const trusted = resolveManagedFields(live).filter((o) => managers.includes(o.entry.manager ?? ''));
  for (const d of fieldDifferences(live as Json, out as Json)) {
    if (d.change === FieldChange.Modified && trusted.some((o) => owns(o, d.livePath!))) setAt(out, d.targetPath!, clone(getAt(live, d.livePath!) as Json));
  }
  return out;
}

/** Sets the value at a path, creating missing objects on the way (not array elements); returns whether it did. */
function setCreating(doc: unknown, path: JsonPath, value: Json): boolean {
  let cur: unknown = doc;
  for (let i = 0; i < path.length - 1; i++) {
    const seg = path[i];
    if (isObject(cur) && typeof seg === 'string') {
      if (cur[seg] === undefined && typeof path[i + 1] === 'string') cur[seg] = {};
      cur = cur[seg];
    } else if (Array.isArray(cur) && typeof seg === 'number') cur = cur[seg];
    else return false;
  }
  return setAt(cur, path.slice(-1), value);
}
