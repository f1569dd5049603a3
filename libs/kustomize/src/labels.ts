import { COMMON_ANNOTATION_SPECS, COMMON_LABEL_SPECS, TEMPLATE_LABEL_SPECS, VOLUME_CLAIM_LABEL_SPECS } from './builtin-field-specs';
import { applyFieldSpec, isMap, type FieldSpec } from './field-spec';
import type { LabelSpec } from './kustomization';
import { idString } from './resource';
import type { ResMap } from './res-map';

/** Writes a string map (labels or annotations) into every field the specs reach, creating maps where allowed. */
export function applyStringMap(m: ResMap, values: Record<string, string>, specs: readonly FieldSpec[]): void {
  if (Object.keys(values).length === 0) return;
  for (const r of m.list) {
    const gvk = r.curId();
    for (const spec of specs) {
      applyFieldSpec(r.obj, gvk, spec, (parent, key) => {
        let target = parent[key];
        if (target === undefined || target === null) {
          if (!spec.create) return;
          target = parent[key] = {};
        }
        if (!isMap(target)) throw new Error(`${idString(gvk)}: ${spec.path} is not a map, cannot set labels or annotations`);
        Object.assign(target, values);
      });
    }
  }
}

/** The field specs one `labels` entry writes to. */
export function labelEntrySpecs(entry: LabelSpec): FieldSpec[] {
  const own = entry.fields ?? [];
  if (entry.includeSelectors) return [...own, ...COMMON_LABEL_SPECS];
  const specs: FieldSpec[] = [...own];
  if (entry.includeTemplates) specs.push(...TEMPLATE_LABEL_SPECS);
  if (entry.includeVolumeClaimTemplates) specs.push(...VOLUME_CLAIM_LABEL_SPECS);
  specs.push({ path: 'metadata/labels', create: true });
  return specs;
}

/** The `labels` and `commonLabels` transformers, in kustomize's order. */
export function applyLabels(m: ResMap, labels: readonly LabelSpec[], commonLabels: Record<string, string> | undefined): void {
  for (const entry of labels) applyStringMap(m, stringValues(entry.pairs ?? {}), labelEntrySpecs(entry));
  if (commonLabels) applyStringMap(m, commonLabels, COMMON_LABEL_SPECS);
}

/** The `commonAnnotations` transformer. */
export function applyAnnotations(m: ResMap, annotations: Record<string, string>): void {
  applyStringMap(m, annotations, COMMON_ANNOTATION_SPECS);
}

function stringValues(m: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(Object.entries(m).map(([k, v]) => [k, v === null || v === undefined ? '' : String(v)]));
}
