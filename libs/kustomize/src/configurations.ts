import { SourceError } from '@fjord/source-fs';
import type { NameReference } from './builtin-field-specs';
import type { FieldSpec } from './field-spec';
import type { Loader } from './loader';
import { parseValue } from './parse-objects';

/** Field specs added by `configurations` (and `crds`) files on top of the built-in ones. */
export interface TransformerConfig {
  nameReference: NameReference[];
  commonLabels: FieldSpec[];
  commonAnnotations: FieldSpec[];
  varReference: FieldSpec[];
}

/** An empty configuration. */
export function emptyConfig(): TransformerConfig {
  return { nameReference: [], commonLabels: [], commonAnnotations: [], varReference: [] };
}

/** Merges `b` into `a`. */
export function mergeConfig(a: TransformerConfig, b: TransformerConfig): void {
  a.nameReference.push(...b.nameReference);
  a.commonLabels.push(...b.commonLabels);
  a.commonAnnotations.push(...b.commonAnnotations);
  a.varReference.push(...b.varReference);
}

const KNOWN = new Set([
  'nameReference',
  'commonLabels',
  'commonAnnotations',
  'varReference',
  'namePrefix',
  'nameSuffix',
  'namespace',
  'images',
  'replicas',
  'templateLabels',
]);

/** Loads the `configurations` files of a kustomization. */
export function loadConfigurations(paths: readonly string[], loader: Loader): TransformerConfig {
  const out = emptyConfig();
  paths.forEach((p, i) => {
    const field = `configurations[${i}]`;
    const value = parseValue(loader.readText(p, field), loader.resolve(p, field)) ?? {};
    if (typeof value !== 'object' || Array.isArray(value)) throw new SourceError('a transformer configuration must be a mapping', { file: loader.file, field });
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (!KNOWN.has(key)) throw new SourceError(`unknown transformer configuration field "${key}"`, { file: loader.file, field });
      if (!Array.isArray(v)) continue;
      if (key === 'nameReference') out.nameReference.push(...(v as NameReference[]).map((r) => ({ ...r, fieldSpecs: r.fieldSpecs ?? [] })));
      if (key === 'commonLabels') out.commonLabels.push(...(v as FieldSpec[]));
      if (key === 'commonAnnotations') out.commonAnnotations.push(...(v as FieldSpec[]));
      if (key === 'varReference') out.varReference.push(...(v as FieldSpec[]));
    }
  });
  return out;
}

/** Loads `crds` files (OpenAPI definitions) and turns their object-reference extensions into name references. */
export function loadCrdConfig(paths: readonly string[], loader: Loader): TransformerConfig {
  const out = emptyConfig();
  paths.forEach((p, i) => {
    const field = `crds[${i}]`;
    const value = parseValue(loader.readText(p, field), loader.resolve(p, field));
    const defs = value && typeof value === 'object' ? ((value as Record<string, unknown>).definitions ?? value) : {};
    for (const def of Object.values(defs as Record<string, unknown>)) collectRefs(def, out);
  });
  return out;
}

function collectRefs(def: unknown, out: TransformerConfig): void {
  if (!def || typeof def !== 'object') return;
  const d = def as Record<string, unknown>;
  const gvk = (d['x-kubernetes-group-version-kind'] as Record<string, string>[] | undefined)?.[0];
  const props = (d.properties ?? {}) as Record<string, Record<string, unknown>>;
  if (!gvk) return;
  walkProps(props, '', (path, kind) =>
    out.nameReference.push({ kind, fieldSpecs: [{ kind: gvk.kind, group: gvk.group || undefined, version: gvk.version || undefined, path }] }),
  );
}

function walkProps(props: Record<string, Record<string, unknown>>, prefix: string, found: (path: string, kind: string) => void): void {
  for (const [name, p] of Object.entries(props)) {
    const path = prefix ? `${prefix}/${name}` : name;
    const kind = p['x-kubernetes-object-ref-kind'];
    if (typeof kind === 'string')
      found(
        `${path}/${typeof p['x-kubernetes-object-ref-name-key'] === 'string' ? p['x-kubernetes-object-ref-name-key'] : 'name'}`.replace(
          /\/name\/name$/,
          '/name',
        ),
        kind,
      );
    if (p.properties && typeof p.properties === 'object') walkProps(p.properties as Record<string, Record<string, unknown>>, path, found);
  }
}
