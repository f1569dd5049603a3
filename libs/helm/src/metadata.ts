/** Chart.yaml and requirements.yaml decoding (sigs.k8s.io/yaml into Helm's structs) and metadata validation. */
import { parseVersion } from '@fjord/sprig';
import type { ChartDependency, ChartMaintainer, ChartMetadata } from './chart';
import { isPlainMap, jsonKind, readYaml } from './yaml-read';

/** An empty metadata record. */
export function emptyMetadata(): ChartMetadata {
  return {
    name: '',
    home: '',
    sources: [],
    version: '',
    description: '',
    keywords: [],
    maintainers: [],
    icon: '',
    apiVersion: '',
    condition: '',
    tags: '',
    appVersion: '',
    deprecated: false,
    annotations: null,
    kubeVersion: '',
    dependencies: [],
    type: '',
  };
}

/** Finds a JSON key as encoding/json does: exact match first, then case-insensitive. */
function pick(obj: Record<string, unknown>, key: string): unknown {
  if (key in obj) return obj[key];
  const lower = key.toLowerCase();
  const found = Object.keys(obj).find((k) => k.toLowerCase() === lower);
  return found === undefined ? undefined : obj[found];
}

function unmarshalError(v: unknown, field: string, type: string): Error {
  return new Error(`error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go struct field ${field} of type ${type}`);
}

/** strconv.FormatFloat(f, 'g', -1, 32): the shortest float32 representation. */
function float32String(f: number): string {
  const f32 = Math.fround(f);
  let digits = f32.toString();
  for (let p = 1; p <= 9; p++) {
    const cand = f32.toPrecision(p);
    if (Math.fround(Number(cand)) === f32) {
      digits = Number(cand).toString();
      break;
    }
  }
  const exp = f32 === 0 ? 0 : Math.floor(Math.log10(Math.abs(f32)));
  if (exp < -4 || exp >= 21 || (digits.includes('e') && exp >= 6)) {
    const [m, e] = Number(digits).toExponential().split('e');
    return `${m}e${e[0] === '-' ? '-' : '+'}${e.replace(/^[-+]/, '').padStart(2, '0')}`;
  }
  return digits;
}

/** A string field: YAML numbers and bools become their text, as sigs.k8s.io/yaml does for string targets. */
function str(v: unknown, field: string): string {
  if (v === undefined || v === null) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number') return float32String(v);
  if (typeof v === 'boolean') return String(v);
  throw unmarshalError(v, field, 'string');
}

function strList(v: unknown, field: string): string[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw unmarshalError(v, field, '[]string');
  return v.map((x) => str(x, field));
}

function bool(v: unknown, field: string): boolean {
  if (v === undefined || v === null) return false;
  if (typeof v !== 'boolean') throw unmarshalError(v, field, 'bool');
  return v;
}

function obj(v: unknown, field: string, type: string): Record<string, unknown> | undefined {
  if (v === undefined || v === null) return undefined;
  if (!isPlainMap(v)) throw unmarshalError(v, field, type);
  return v;
}

function dependency(v: unknown): ChartDependency {
  const d = obj(v, 'Metadata.dependencies', 'chart.Dependency') ?? {};
  const iv = pick(d, 'import-values');
  if (iv !== undefined && iv !== null && !Array.isArray(iv)) throw unmarshalError(iv, 'Dependency.import-values', '[]interface {}');
  return {
    name: str(pick(d, 'name'), 'Dependency.name'),
    version: str(pick(d, 'version'), 'Dependency.version'),
    repository: str(pick(d, 'repository'), 'Dependency.repository'),
    condition: str(pick(d, 'condition'), 'Dependency.condition'),
    tags: strList(pick(d, 'tags'), 'Dependency.tags'),
    enabled: bool(pick(d, 'enabled'), 'Dependency.enabled'),
    importValues: ((iv as unknown[] | null | undefined) ?? []).map((x) => (typeof x === 'bigint' ? Number(x) : x)),
    alias: str(pick(d, 'alias'), 'Dependency.alias'),
  };
}

function maintainer(v: unknown): ChartMaintainer {
  const m = obj(v, 'Metadata.maintainers', 'chart.Maintainer');
  if (!m) throw new Error('validation: maintainers must not contain empty or null nodes');
  return { name: str(pick(m, 'name'), 'Maintainer.name'), email: str(pick(m, 'email'), 'Maintainer.email'), url: str(pick(m, 'url'), 'Maintainer.url') };
}

function deps(v: unknown): ChartDependency[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw unmarshalError(v, 'Metadata.dependencies', '[]*chart.Dependency');
  return v.map((d) => {
    if (d === null) throw new Error('validation: dependencies must not contain empty or null nodes');
    return dependency(d);
  });
}

/** Decodes Chart.yaml text over `into` (fields present in the text replace the existing ones). */
export function decodeChartYaml(text: string, into: ChartMetadata = emptyMetadata()): ChartMetadata {
  const raw = readYaml(text, true);
  const m = obj(raw, 'Metadata', 'chart.Metadata') ?? {};
  const has = (k: string): boolean => pick(m, k) !== undefined;
  const md = { ...into };
  const strings: (keyof ChartMetadata)[] = [
    'name',
    'home',
    'version',
    'description',
    'icon',
    'apiVersion',
    'condition',
    'tags',
    'appVersion',
    'kubeVersion',
    'type',
  ];
  for (const k of strings) if (has(k)) (md as unknown as Record<string, unknown>)[k] = str(pick(m, k), `Metadata.${k}`);
  if (has('sources')) md.sources = strList(pick(m, 'sources'), 'Metadata.sources');
  if (has('keywords')) md.keywords = strList(pick(m, 'keywords'), 'Metadata.keywords');
  if (has('deprecated')) md.deprecated = bool(pick(m, 'deprecated'), 'Metadata.deprecated');
  if (has('maintainers')) {
    const ms = pick(m, 'maintainers');
    if (ms !== null && !Array.isArray(ms)) throw unmarshalError(ms, 'Metadata.maintainers', '[]*chart.Maintainer');
    md.maintainers = ((ms as unknown[] | null) ?? []).map(maintainer);
  }
  if (has('annotations')) {
    const a = obj(pick(m, 'annotations'), 'Metadata.annotations', 'map[string]string');
    md.annotations = a ? Object.fromEntries(Object.entries(a).map(([k, v]) => [k, str(v, 'Metadata.annotations')])) : null;
  }
  if (has('dependencies')) {
    md.dependencies = deps(pick(m, 'dependencies'));
    md.dependenciesListed = pick(m, 'dependencies') !== null;
  }
  return md;
}

const sanitize = (s: string): string => s.replace(/\s/gu, ' ').replace(/[^\P{C} ]/gu, '');

const ALIAS = /^[a-zA-Z0-9-_]+$/;

/** Metadata.Validate: sanitises strings and checks name, version, type and dependencies; throws `validation: …`. */
export function validateMetadata(md: ChartMetadata): void {
  for (const k of ['name', 'description', 'home', 'icon', 'condition', 'tags', 'appVersion', 'kubeVersion'] as const) md[k] = sanitize(md[k]);
  md.sources = md.sources.map(sanitize);
  md.keywords = md.keywords.map(sanitize);
  const fail = (msg: string): never => {
    throw new Error(`validation: ${msg}`);
  };
  if (!md.apiVersion) fail('chart.metadata.apiVersion is required');
  if (!md.name) fail('chart.metadata.name is required');
  if (md.name === '.' || md.name === '..') fail(`chart.metadata.name "${md.name}" is not allowed`);
  if (md.name.includes('/')) fail(`chart.metadata.name "${md.name}" is invalid`);
  if (!md.version) fail('chart.metadata.version is required');
  try {
    parseVersion(md.version);
  } catch {
    fail(`chart.metadata.version "${md.version}" is invalid`);
  }
  if (!['', 'application', 'library'].includes(md.type)) fail('chart.metadata.type must be application or library');
  const seen = new Set<string>();
  for (const d of md.dependencies) {
    d.name = sanitize(d.name);
    d.version = sanitize(d.version);
    d.condition = sanitize(d.condition);
    d.tags = d.tags.map(sanitize);
    if (d.alias && !ALIAS.test(d.alias)) fail(`dependency "${d.name}" has disallowed characters in the alias`);
    const key = d.alias || d.name;
    if (seen.has(key)) fail(`more than one dependency with name or alias "${key}"`);
    seen.add(key);
  }
}
