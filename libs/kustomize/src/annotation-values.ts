import type { KubeObject } from '@fjord/k8s-yaml';
import { isMap } from './field-spec';

/**
 * A label or annotation value as kustomize reads it into a Go string map: a string as is, a number or bool as its
 * text, null as "null", a map or list as "". (kustomize keeps a scalar's source text, `1.0` or `0x1F`; Fjord has
 * the parsed value, so those read "1" and "31".)
 */
function asMapString(value: unknown): string {
  if (typeof value === 'string') return value;
  return value === null || value === undefined ? 'null' : typeof value === 'object' ? '' : String(value);
}

/**
 * Annotations as kustomize prints them: it reads every object's annotations into a string map when it drops its own
 * build annotations, so every value becomes a string, and an empty annotations map is dropped.
 */
export function stringifyAnnotationValues(obj: KubeObject): void {
  const meta = obj.metadata;
  if (!isMap(meta) || !isMap(meta.annotations)) return;
  const annotations = meta.annotations;
  if (Object.keys(annotations).length === 0) {
    delete meta.annotations;
    return;
  }
  for (const [key, value] of Object.entries(annotations)) annotations[key] = asMapString(value);
}

/**
 * A strategic merge patch's labels and annotations as kustomize applies them through its resource map
 * (`patchesStrategicMerge`, and `patches` with a target): first copied through Go string maps, so `labels: null`
 * or `annotations: {}` deletes nothing (the field is dropped from the patch), and a null value becomes "null".
 */
export function patchMetadataAsStringMaps(patch: KubeObject): KubeObject {
  const meta = patch.metadata;
  if (!isMap(meta)) return patch;
  const out = { ...meta };
  for (const field of ['labels', 'annotations'] as const) {
    const m = out[field];
    if (isMap(m) && Object.keys(m).length > 0) out[field] = Object.fromEntries(Object.entries(m).map(([k, v]) => [k, asMapString(v)]));
    else delete out[field];
  }
  return { ...patch, metadata: out };
}
