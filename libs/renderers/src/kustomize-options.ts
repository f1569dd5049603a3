import { parseSetImageArg } from '@fjord/kustomize';
import { SourceError } from '@fjord/source-fs';
import { parse, stringify } from 'yaml';

/** spec.source.kustomize as Argo CD defines it (the subset Fjord applies). */
export interface KustomizeSourceOptions {
  namePrefix?: string;
  nameSuffix?: string;
  images?: string[];
  namespace?: string;
  commonLabels?: Record<string, string>;
  commonAnnotations?: Record<string, string>;
  replicas?: { name: string; count: number | string }[];
  components?: string[];
  patches?: Record<string, unknown>[];
}

/** True when the options change nothing, so the kustomization is built as committed. */
export function isEmptyKustomizeOptions(o: KustomizeSourceOptions | undefined): boolean {
  return (
    !o ||
    Object.values(o).every((v) => v === undefined || v === '' || (Array.isArray(v) ? v.length === 0 : typeof v === 'object' && Object.keys(v).length === 0))
  );
}

/**
 * Applies the Application's kustomize options to the text of its kustomization file, as Argo CD's `kustomize edit`
 * calls do: prefix/suffix/namespace replace, images/replicas set by name, labels/annotations merge (forced), components
 * and patches append.
 */
export function applyKustomizeOptions(text: string, file: string, o: KustomizeSourceOptions): string {
  const k = (parse(text) ?? {}) as Record<string, unknown>;
  if (typeof k !== 'object' || Array.isArray(k)) throw new SourceError('expected a mapping', { file });
  if (o.namePrefix) k.namePrefix = o.namePrefix;
  if (o.nameSuffix) k.nameSuffix = o.nameSuffix;
  if (o.namespace) k.namespace = o.namespace;
  if (o.commonLabels && Object.keys(o.commonLabels).length) k.commonLabels = { ...(k.commonLabels as object), ...o.commonLabels };
  if (o.commonAnnotations && Object.keys(o.commonAnnotations).length) {
    k.commonAnnotations = { ...(k.commonAnnotations as object), ...o.commonAnnotations };
  }
  for (const [i, arg] of (o.images ?? []).entries()) {
    let spec;
    try {
      spec = parseSetImageArg(arg);
    } catch (err) {
      throw new SourceError((err as Error).message, { field: `spec.source.kustomize.images[${i}]` });
    }
    k.images = upsertByName((k.images as { name: string }[] | undefined) ?? [], spec);
  }
  for (const r of o.replicas ?? []) {
    const count = Number(r.count);
    if (!Number.isInteger(count) || count < 0) {
      throw new SourceError(`replica count "${r.count}" of ${r.name} is not a whole number`, { field: 'spec.source.kustomize.replicas' });
    }
    k.replicas = upsertByName((k.replicas as { name: string; count?: number }[] | undefined) ?? [], { name: r.name, count });
  }
  if (o.components?.length) k.components = [...((k.components as string[]) ?? []), ...o.components];
  if (o.patches?.length) k.patches = [...((k.patches as object[]) ?? []), ...o.patches];
  return stringify(k);
}

function upsertByName<T extends { name: string }>(list: T[], entry: T): T[] {
  const i = list.findIndex((e) => e.name === entry.name);
  return i < 0 ? [...list, entry] : list.map((e, j) => (j === i ? entry : e));
}
