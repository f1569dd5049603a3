import type { KubeObject } from '@fjord/k8s-yaml';
import { isMap } from './field-spec';

/**
 * Annotations as kustomize prints them: it reads every object's annotations into a string map when it drops its own
 * build annotations, so a number, bool or null becomes its text ("1", "true", "null") and a map or list becomes "".
 * An empty annotations map is dropped, as kustomize drops it when its own annotations are gone.
 * (kustomize keeps a scalar's source text, `1.0` or `0x1F`; Fjord has the parsed value, so those read "1" and "31".)
 */
export function stringifyAnnotationValues(obj: KubeObject): void {
  const meta = obj.metadata;
  if (!isMap(meta) || !isMap(meta.annotations)) return;
  const annotations = meta.annotations;
  if (Object.keys(annotations).length === 0) {
    delete meta.annotations;
    return;
  }
  for (const [key, value] of Object.entries(annotations)) {
    if (typeof value === 'string') continue;
    annotations[key] = value === null || value === undefined ? 'null' : typeof value === 'object' ? '' : String(value);
  }
}
