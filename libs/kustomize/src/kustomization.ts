import { posix } from 'node:path';
import { SourceError, type SourceFileSystem } from '@fjord/source-fs';
import { LineCounter, parseDocument } from 'yaml';

/** The file names kustomize recognises, in its lookup order. */
export const KUSTOMIZATION_FILE_NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'] as const;

/** A `target`/selector: GVK, name and namespace are anchored regular expressions, plus label/annotation selectors. */
export interface Selector {
  group?: string;
  version?: string;
  kind?: string;
  name?: string;
  namespace?: string;
  labelSelector?: string;
  annotationSelector?: string;
}

/** An entry of `patches`. */
export interface PatchSpec {
  path?: string;
  patch?: string;
  target?: Selector;
  options?: { allowNameChange?: boolean; allowKindChange?: boolean };
}

/** An entry of `images`. */
export interface ImageSpec {
  name: string;
  newName?: string;
  newTag?: string;
  digest?: string;
  tagSuffix?: string;
}

/** Options shared by generators (`generatorOptions` and per-generator `options`). */
export interface GeneratorOptions {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  disableNameSuffixHash?: boolean;
  immutable?: boolean;
}

/** An entry of `configMapGenerator` or `secretGenerator`. */
export interface GeneratorSpec {
  name?: string;
  namespace?: string;
  behavior?: string;
  files?: string[];
  literals?: string[];
  envs?: string[];
  env?: string;
  type?: string;
  options?: GeneratorOptions;
}

/** An entry of `labels`. */
export interface LabelSpec {
  pairs?: Record<string, string>;
  includeSelectors?: boolean;
  includeTemplates?: boolean;
  includeVolumeClaimTemplates?: boolean;
  fields?: FieldSpecInput[];
}

/** A field spec as written in a kustomization or configuration file. */
export interface FieldSpecInput {
  group?: string;
  version?: string;
  kind?: string;
  path: string;
  create?: boolean;
}

/** A parsed kustomization.yaml, legacy fields already folded in (`bases` into `resources`, `imageTags` into `images`). */
export interface Kustomization {
  apiVersion?: string;
  kind?: string;
  resources: string[];
  components: string[];
  crds: string[];
  configurations: string[];
  namespace?: string;
  namePrefix?: string;
  nameSuffix?: string;
  commonLabels?: Record<string, string>;
  labels: LabelSpec[];
  commonAnnotations?: Record<string, string>;
  images: ImageSpec[];
  replicas: { name: string; count: number }[];
  patches: PatchSpec[];
  patchesStrategicMerge: string[];
  patchesJson6902: { target?: Selector; path?: string; patch?: string }[];
  configMapGenerator: GeneratorSpec[];
  secretGenerator: GeneratorSpec[];
  generatorOptions?: GeneratorOptions;
  replacements: Record<string, unknown>[];
  vars: Record<string, unknown>[];
  sortOptions?: { order?: string; legacySortOptions?: { orderFirst?: string[]; orderLast?: string[] } };
  buildMetadata: string[];
  openapi?: Record<string, string>;
  helmCharts: Record<string, unknown>[];
  helmGlobals?: Record<string, unknown>;
  generators: string[];
  transformers: string[];
  validators: string[];
}

/** A loaded kustomization: where it lives and what it says. */
export interface LoadedKustomization {
  /** Repository-relative directory ('' for the root). */
  dir: string;
  /** Repository-relative path of the kustomization file. */
  file: string;
  k: Kustomization;
}

const LIST_FIELDS = [
  'resources',
  'bases',
  'components',
  'crds',
  'configurations',
  'labels',
  'images',
  'imageTags',
  'replicas',
  'patches',
  'patchesStrategicMerge',
  'patchesJson6902',
  'configMapGenerator',
  'secretGenerator',
  'replacements',
  'vars',
  'buildMetadata',
  'helmCharts',
  'helmChartInflationGenerator',
  'generators',
  'transformers',
  'validators',
] as const;
const MAP_FIELDS = ['commonLabels', 'commonAnnotations', 'generatorOptions', 'sortOptions', 'openapi', 'helmGlobals', 'metadata'];
const STRING_FIELDS = ['apiVersion', 'kind', 'namespace', 'namePrefix', 'nameSuffix'];
/** Fields of type map[string]string upstream, whose values must be strings. */
const STRING_MAP_FIELDS = ['commonLabels', 'commonAnnotations'];
const KNOWN_FIELDS = new Map([...LIST_FIELDS, ...MAP_FIELDS, ...STRING_FIELDS].map((f) => [f.toLowerCase(), f]));
const OBJECT_LIST_FIELDS = new Set([
  'labels',
  'images',
  'imageTags',
  'replicas',
  'patches',
  'patchesJson6902',
  'configMapGenerator',
  'secretGenerator',
  'replacements',
  'vars',
  'helmCharts',
  'helmChartInflationGenerator',
]);
const GO_TYPES: Record<string, string> = {
  labels: 'types.Label',
  images: 'types.Image',
  imageTags: 'types.Image',
  replicas: 'types.Replica',
  patches: 'types.Patch',
  patchesJson6902: 'types.Patch',
  configMapGenerator: 'types.ConfigMapArgs',
  secretGenerator: 'types.SecretArgs',
  replacements: 'types.ReplacementField',
  vars: 'types.Var',
  helmCharts: 'types.HelmChart',
  helmChartInflationGenerator: 'types.HelmChartArgs',
};

/** Finds the kustomization file in `dir`, or undefined when there is none. Errors when there are several. */
export function findKustomizationFile(fs: SourceFileSystem, dir: string): string | undefined {
  const found = KUSTOMIZATION_FILE_NAMES.map((n) => posix.join(dir || '.', n).replace(/^\.\//, '')).filter((p) => fs.stat(p) === 'file');
  if (found.length > 1) throw new SourceError(`found multiple kustomization files under: ${dir || '.'}`, { file: dir || '.' });
  return found[0];
}

/** Reads and validates the kustomization in `dir`, naming the file and field in every error. */
export function loadKustomization(fs: SourceFileSystem, dir: string): LoadedKustomization {
  const file = findKustomizationFile(fs, dir);
  if (!file) {
    throw new SourceError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir || '.'}'`, {
      file: dir || '.',
    });
  }
  return { dir, file, k: parseKustomization(fs.readText(file), file) };
}

/** Parses kustomization text (strict field names, as kustomize's JSON decoder is). */
export function parseKustomization(text: string, file: string): Kustomization {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: false });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new SourceError(`invalid Kustomization: ${e.message.split('\n')[0]}`, { file, line: lineCounter.linePos(e.pos[0]).line });
  }
  const raw: unknown = doc.toJS({ maxAliasCount: 100 }) ?? {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new SourceError('invalid Kustomization: expected a mapping', { file });
  const input: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
    const canonical = KNOWN_FIELDS.get(key.toLowerCase());
    if (!canonical) throw new SourceError(`invalid Kustomization: json: unknown field "${key}"`, { file, field: key });
    if (value !== null) input[canonical] = value;
  }
  checkTypes(input, file);
  // kustomize refuses a kustomization with nothing but apiVersion and kind (empty `bases`/`imageTags` fold to nothing).
  const fields = Object.entries(input).filter(
    ([k, v]) => k !== 'apiVersion' && k !== 'kind' && !((k === 'bases' || k === 'imageTags') && Array.isArray(v) && v.length === 0),
  );
  if (fields.length === 0) throw new SourceError('kustomization.yaml is empty', { file });
  return normalize(input);
}

function checkTypes(input: Record<string, unknown>, file: string): void {
  for (const [field, value] of Object.entries(input)) {
    const where = { file, field };
    if ((LIST_FIELDS as readonly string[]).includes(field)) {
      if (!Array.isArray(value))
        throw new SourceError(`invalid Kustomization: json: cannot unmarshal ${goKind(value)} into Go struct field Kustomization.${field}`, where);
      value.forEach((item, i) => {
        const wantObject = OBJECT_LIST_FIELDS.has(field);
        const ok = wantObject ? item !== null && typeof item === 'object' && !Array.isArray(item) : typeof item === 'string';
        if (!ok) {
          const type = wantObject ? GO_TYPES[field] : 'string';
          throw new SourceError(`invalid Kustomization: json: cannot unmarshal ${goKind(item)} into Go struct field Kustomization.${field} of type ${type}`, {
            file,
            field: `${field}[${i}]`,
          });
        }
      });
    } else if (MAP_FIELDS.includes(field)) {
      if (typeof value !== 'object' || Array.isArray(value))
        throw new SourceError(`invalid Kustomization: json: cannot unmarshal ${goKind(value)} into Go struct field Kustomization.${field}`, where);
    } else if (typeof value !== 'string') {
      throw new SourceError(`invalid Kustomization: json: cannot unmarshal ${goKind(value)} into Go struct field Kustomization.${field} of type string`, where);
    }
  }
  for (const field of STRING_MAP_FIELDS) {
    const m = input[field];
    if (!m || typeof m !== 'object') continue;
    for (const [key, v] of Object.entries(m as Record<string, unknown>)) {
      // kustomize decodes into map[string]string: a number or bool is an error there, not a string (null reads "").
      if (v !== null && typeof v !== 'string')
        throw new SourceError(`invalid Kustomization: json: cannot unmarshal ${goKind(v)} into Go struct field Kustomization.${field} of type string`, {
          file,
          field: `${field}.${key}`,
        });
    }
  }
  const kind = input.kind as string | undefined;
  if (kind !== undefined && kind !== 'Kustomization' && kind !== 'Component') {
    throw new SourceError('invalid Kustomization: kind should be Kustomization or Component', { file, field: 'kind' });
  }
  const wantVersion = kind === 'Component' ? 'kustomize.config.k8s.io/v1alpha1' : 'kustomize.config.k8s.io/v1beta1';
  if (input.apiVersion !== undefined && input.apiVersion !== wantVersion) {
    throw new SourceError(`invalid Kustomization: apiVersion for ${kind ?? 'Kustomization'} should be ${wantVersion}`, { file, field: 'apiVersion' });
  }
}

function goKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'boolean') return 'bool';
  return typeof v === 'object' ? 'object' : typeof v;
}

function normalize(input: Record<string, unknown>): Kustomization {
  const list = <T>(f: string): T[] => (input[f] as T[] | undefined) ?? [];
  const stringMap = (f: string): Record<string, string> | undefined => {
    const m = input[f] as Record<string, unknown> | undefined;
    return m ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, stringify(v)])) : undefined;
  };
  const gens = (f: string): GeneratorSpec[] => list<GeneratorSpec>(f).map((g) => (g.env ? { ...g, envs: [...(g.envs ?? []), g.env], env: undefined } : g));
  return {
    apiVersion: input.apiVersion as string | undefined,
    kind: (input.kind as string | undefined) ?? 'Kustomization',
    resources: [...list<string>('resources'), ...list<string>('bases')],
    components: list('components'),
    crds: list('crds'),
    configurations: list('configurations'),
    namespace: input.namespace as string | undefined,
    namePrefix: input.namePrefix as string | undefined,
    nameSuffix: input.nameSuffix as string | undefined,
    commonLabels: stringMap('commonLabels'),
    labels: list('labels'),
    commonAnnotations: stringMap('commonAnnotations'),
    images: [...list<ImageSpec>('images'), ...list<ImageSpec>('imageTags')],
    replicas: list('replicas'),
    patches: list('patches'),
    patchesStrategicMerge: list('patchesStrategicMerge'),
    patchesJson6902: list('patchesJson6902'),
    configMapGenerator: gens('configMapGenerator'),
    secretGenerator: gens('secretGenerator'),
    generatorOptions: input.generatorOptions as GeneratorOptions | undefined,
    replacements: list('replacements'),
    vars: list('vars'),
    sortOptions: input.sortOptions as Kustomization['sortOptions'],
    buildMetadata: list('buildMetadata'),
    openapi: input.openapi as Record<string, string> | undefined,
    helmCharts: [...list<Record<string, unknown>>('helmCharts'), ...list<Record<string, unknown>>('helmChartInflationGenerator')],
    helmGlobals: input.helmGlobals as Record<string, unknown> | undefined,
    generators: list('generators'),
    transformers: list('transformers'),
    validators: list('validators'),
  };
}

function stringify(v: unknown): string {
  return typeof v === 'string' ? v : v === null || v === undefined ? '' : String(v);
}
