import { posix } from 'node:path';
import type { KubeObject } from '@fjord/k8s-yaml';
import { SourceError } from '@fjord/source-fs';
import type { GeneratorOptions, GeneratorSpec, Kustomization } from './kustomization';
import { encodeBase64Lines } from './base64-lines';
import type { Loader } from './loader';
import { Resource, type GeneratorBehavior } from './resource';

/** Values for env-file lines that name a variable without a value (kustomize 5.8.1 gives ""; a caller may supply them). */
export type Environment = Readonly<Record<string, string | undefined>>;

interface Pair {
  key: string;
  value: Uint8Array | string;
}

/** Runs `configMapGenerator` and `secretGenerator`, in that order. */
export function runGenerators(k: Kustomization, loader: Loader, env: Environment): Resource[] {
  const out: Resource[] = [];
  k.configMapGenerator.forEach((g, i) => out.push(generate('ConfigMap', g, k.generatorOptions, loader, env, `configMapGenerator[${i}]`)));
  k.secretGenerator.forEach((g, i) => out.push(generate('Secret', g, k.generatorOptions, loader, env, `secretGenerator[${i}]`)));
  return out;
}

function generate(
  kind: 'ConfigMap' | 'Secret',
  g: GeneratorSpec,
  global: GeneratorOptions | undefined,
  loader: Loader,
  env: Environment,
  field: string,
): Resource {
  const where = { file: loader.file, field };
  if (!g.name) throw new SourceError(`a ${kind} generator needs a name`, where);
  const behavior = parseBehavior(g.behavior, loader.file, field);
  const opts = mergeOptions(g.options, global);
  const pairs = loadPairs(g, loader, env, field);
  const obj: KubeObject = { apiVersion: 'v1', kind, metadata: { name: g.name } };
  const meta = obj.metadata as Record<string, unknown>;
  if (g.namespace) meta.namespace = g.namespace;
  if (opts.labels && Object.keys(opts.labels).length) meta.labels = { ...opts.labels };
  if (opts.annotations && Object.keys(opts.annotations).length) meta.annotations = { ...opts.annotations };
  if (kind === 'Secret') obj.type = g.type || 'Opaque';
  fillData(obj, kind, pairs, g.name, where);
  if (opts.immutable) obj.immutable = true;
  const r = new Resource(obj);
  r.needsHash = !opts.disableNameSuffixHash;
  r.behavior = behavior;
  return r;
}

function parseBehavior(b: string | undefined, file: string, field: string): GeneratorBehavior {
  if (!b || b === 'create') return 'create';
  if (b === 'merge' || b === 'replace') return b;
  throw new SourceError(`unknown generator behavior '${b}'`, { file, field: `${field}.behavior` });
}

/** The kustomization-wide options with the generator's own laid over them: a key both set keeps the generator's value, as upstream. */
function mergeOptions(local: GeneratorOptions | undefined, global: GeneratorOptions | undefined): GeneratorOptions {
  return {
    labels: { ...(global?.labels ?? {}), ...(local?.labels ?? {}) },
    annotations: { ...(global?.annotations ?? {}), ...(local?.annotations ?? {}) },
    disableNameSuffixHash: Boolean(local?.disableNameSuffixHash || global?.disableNameSuffixHash),
    immutable: Boolean(local?.immutable || global?.immutable),
  };
}

function fillData(obj: KubeObject, kind: string, pairs: Pair[], name: string, where: { file: string; field: string }): void {
  const data: Record<string, string> = {};
  const binary: Record<string, string> = {};
  const seen = new Set<string>();
  for (const { key, value } of pairs) {
    if (seen.has(key)) throw new SourceError(`${kind.toLowerCase()} ${name} illegally repeats the key \`${key}\``, where);
    seen.add(key);
    const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
    if (kind === 'Secret') data[key] = encodeBase64Lines(bytes);
    else if (typeof value === 'string' || isUtf8(bytes)) data[key] = typeof value === 'string' ? value : new TextDecoder().decode(bytes);
    else binary[key] = encodeBase64Lines(bytes);
  }
  if (Object.keys(data).length) obj.data = data;
  if (Object.keys(binary).length) obj.binaryData = binary;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function loadPairs(g: GeneratorSpec, loader: Loader, env: Environment, field: string): Pair[] {
  const pairs: Pair[] = [];
  (g.envs ?? []).forEach((p, i) => pairs.push(...envFilePairs(loader.readText(p, `${field}.envs[${i}]`), env)));
  (g.literals ?? []).forEach((lit, i) => pairs.push(literalPair(String(lit), loader.file, `${field}.literals[${i}]`)));
  (g.files ?? []).forEach((src, i) => pairs.push(filePair(src, loader, `${field}.files[${i}]`)));
  return pairs;
}

function literalPair(source: string, file: string, field: string): Pair {
  const eq = source.indexOf('=');
  if (eq < 0) throw new SourceError(`invalid literal source ${source}, expected key=value`, { file, field });
  return { key: source.slice(0, eq), value: removeQuotes(source.slice(eq + 1)) };
}

function removeQuotes(s: string): string {
  if (s.length < 2 || s[0] !== s[s.length - 1]) return s;
  return s[0] === '"' || s[0] === "'" ? s.slice(1, -1) : s;
}

function filePair(source: string, loader: Loader, field: string): Pair {
  const where = { file: loader.file, field };
  const separators = source.split('=').length - 1;
  if (separators === 0) return { key: posix.basename(source), value: loader.readFile(source, field) };
  if (separators > 1) throw new SourceError(`source "${source}" key name or file path contains '='`, where);
  const [key, path] = source.split('=');
  if (!key) throw new SourceError(`missing key name for file path "${path}" in source "${source}"`, where);
  if (!path) throw new SourceError(`missing file path for key name "${key}" in source "${source}"`, where);
  return { key, value: loader.readFile(path, field) };
}

/** Go's unicode.IsSpace, which kustomize trims env-file lines with (JavaScript's \s differs at U+0085 and U+FEFF). */
const GO_LEADING_SPACE = /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/**
 * Env-file pairs as kustomize 5.8.1 reads them: any key (it does not check names), a line without `=` gives ""
 * unless the caller's environment has it, `=value` lines (an empty key) are skipped, a BOM is dropped from line 1.
 */
function envFilePairs(text: string, env: Environment): Pair[] {
  const pairs: Pair[] = [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  lines.forEach((raw, i) => {
    const line = (i === 0 ? raw.replace(/^\uFEFF/, '') : raw).replace(/\r$/, '').replace(GO_LEADING_SPACE, '');
    if (!line || line.startsWith('#')) return;
    const eq = line.indexOf('=');
    const key = eq < 0 ? line : line.slice(0, eq);
    if (!key) return;
    pairs.push({ key, value: eq < 0 ? (env[key] ?? '') : line.slice(eq + 1) });
  });
  return pairs;
}
