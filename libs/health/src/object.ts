import type { KubeObject } from '@fjord/k8s-yaml';

/** A status condition as Kubernetes objects carry them. */
export interface Condition {
  type?: string;
  status?: string;
  reason?: string;
  message?: string;
}

/** Reads a nested field, or undefined when any step is missing or not an object. */
export function field(obj: unknown, ...path: string[]): unknown {
  let cur: unknown = obj;
  for (const key of path) {
    if (cur === null || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    cur = (cur as Record<string, unknown>)[key];
  }
  return cur;
}

/** Reads a nested number; missing or non-numeric values read as `fallback` (Go's zero value by default). */
export function num(obj: unknown, path: string[], fallback = 0): number {
  const v = field(obj, ...path);
  return typeof v === 'number' ? v : fallback;
}

/** Reads a nested optional number (Go's *int32): undefined when absent. */
export function optNum(obj: unknown, ...path: string[]): number | undefined {
  const v = field(obj, ...path);
  return typeof v === 'number' ? v : undefined;
}

/** Reads a nested string; missing values read as ''. */
export function str(obj: unknown, ...path: string[]): string {
  const v = field(obj, ...path);
  return typeof v === 'string' ? v : '';
}

/** Reads a nested list, or [] when absent. */
export function list(obj: unknown, ...path: string[]): unknown[] {
  const v = field(obj, ...path);
  return Array.isArray(v) ? v : [];
}

/** The object's `status.conditions`. */
export function conditions(obj: KubeObject): Condition[] {
  return list(obj, 'status', 'conditions').filter((c): c is Condition => c !== null && typeof c === 'object');
}

/** The object's annotations as a string map. */
export function annotations(obj: KubeObject | undefined): Record<string, string> {
  const a = field(obj, 'metadata', 'annotations');
  return a && typeof a === 'object' ? (a as Record<string, string>) : {};
}

/** The API group of an object ('' for the core group). */
export function groupOf(obj: KubeObject): string {
  const apiVersion = obj.apiVersion ?? '';
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

/** The API version of an object without its group. */
export function versionOf(obj: KubeObject): string {
  const apiVersion = obj.apiVersion ?? '';
  return apiVersion.slice(apiVersion.indexOf('/') + 1);
}

/** The object's metadata.name. */
export function nameOf(obj: KubeObject): string {
  return str(obj, 'metadata', 'name');
}
