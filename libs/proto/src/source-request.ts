// The one mapping of an Argo CD Application source (CRD shape) onto the repo-server's GenerateManifest request, and
// the rules of multi-source `ref` sources, shared by the app-controller (which renders) and the api-gateway (which
// validates on create and update) so that both ask the repo-server exactly the same question.
import { posix } from 'node:path';
import type { ApplicationSource } from '@fjord/argo';
import { GenerateManifestRequest, type RefTarget } from './gen/fjord/repository/v1/repository';

/** The app-level inputs of a render request besides the source. */
export interface SourceRequestOptions {
  appName: string;
  /** The destination namespace. */
  namespace: string;
  /** The revision to render; the source's targetRevision (or HEAD) when unset. */
  revision?: string;
  /** The app's ref sources by name, at the revisions their `$<ref>/...` files are read. */
  refSources?: Record<string, RefTarget>;
  /** Skip the repo-server's manifest cache. */
  noCache?: boolean;
  /** Ask the Git server for the revision's commit now. */
  freshRevision?: boolean;
}

/** Argo CD's rule for a ref name. */
export const REF_NAME = /^[a-zA-Z0-9_-]+$/;

const strings = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
const stringMap = (v: unknown) => (v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([a, b]) => [a, String(b)])) : {});
const records = (v: unknown) => (Array.isArray(v) ? (v as Record<string, unknown>[]).filter((x) => x && typeof x === 'object') : []);

/** The `helm.values` text of a source: `values` as written, or `valuesObject` as JSON (which YAML reads unchanged). */
function helmValues(h: Record<string, unknown>): string {
  if (typeof h.values === 'string') return h.values;
  return h.valuesObject && typeof h.valuesObject === 'object' ? JSON.stringify(h.valuesObject) : '';
}

/** Maps one Application source to the repo-server's GenerateManifest request. */
export function sourceRequest(source: ApplicationSource, options: SourceRequestOptions): GenerateManifestRequest {
  const k = source.kustomize;
  const h = source.helm;
  const d = source.directory;
  const revision = options.revision || source.targetRevision || 'HEAD';
  return GenerateManifestRequest.fromPartial({
    repo: { repoUrl: source.repoURL },
    source: {
      repoUrl: source.repoURL,
      path: source.path ?? '',
      targetRevision: revision,
      chart: source.chart ?? '',
      ref: source.ref ?? '',
      directory: d ? { recurse: d.recurse === true, include: String(d.include ?? ''), exclude: String(d.exclude ?? '') } : undefined,
      kustomize: k
        ? {
            namePrefix: String(k.namePrefix ?? ''),
            nameSuffix: String(k.nameSuffix ?? ''),
            images: strings(k.images),
            namespace: String(k.namespace ?? ''),
            commonLabels: stringMap(k.commonLabels),
            commonAnnotations: stringMap(k.commonAnnotations),
            replicas: records(k.replicas).map((r) => ({ name: String(r.name ?? ''), count: Number(r.count) })),
          }
        : undefined,
      helm: h
        ? {
            valueFiles: strings(h.valueFiles),
            values: helmValues(h),
            parameters: records(h.parameters).map((p) => ({ name: String(p.name ?? ''), value: String(p.value ?? ''), forceString: p.forceString === true })),
            fileParameters: records(h.fileParameters).map((p) => ({ name: String(p.name ?? ''), path: String(p.path ?? '') })),
            releaseName: String(h.releaseName ?? ''),
            skipCrds: h.skipCrds === true,
            passCredentials: h.passCredentials === true,
            ignoreMissingValueFiles: h.ignoreMissingValueFiles === true,
          }
        : undefined,
    },
    revision,
    appName: options.appName,
    namespace: options.namespace,
    noCache: options.noCache ?? false,
    freshRevision: options.freshRevision ?? false,
    refSources: options.refSources ?? {},
  });
}

/** True for a source that only lends its repository to others' `$<ref>/...` files: a ref and neither path nor chart. */
export function isRefOnly(source: Pick<ApplicationSource, 'ref' | 'path' | 'chart'>): boolean {
  return Boolean(source.ref) && !source.path && !source.chart;
}

/** A `$<ref>/<path>` value file split into the ref it names and the repository-relative path of the file. */
export interface RefValueFile {
  ref: string;
  path: string;
}

/**
 * Reads a value file as a `$<ref>/<path>` reference: undefined for a file of the source's own repository, the ref
 * and the normalised path otherwise. Throws an Error (saying what is wrong, without the field) when the path is
 * absolute, leaves the ref source's repository or names no file.
 */
export function parseRefValueFile(file: string): RefValueFile | undefined {
  if (!file.startsWith('$')) return undefined;
  const slash = file.indexOf('/');
  const ref = file.slice(1, slash < 0 ? undefined : slash);
  const rest = slash < 0 ? '' : file.slice(slash + 1);
  if (rest.includes('\0')) throw new Error(`${file}: the path contains a NUL byte`);
  if (rest.startsWith('/') || /^[A-Za-z]:[\\/]/.test(rest))
    throw new Error(`${file}: the path after $${ref}/ must be relative to the root of the repository of ref "${ref}"`);
  const path = posix.normalize(rest || '.');
  if (path === '..' || path.startsWith('../')) throw new Error(`${file}: the path leaves the repository of ref "${ref}"`);
  if (path === '.' || path.endsWith('/')) throw new Error(`${file}: names no file in the repository of ref "${ref}"`);
  return { ref, path };
}

/**
 * The problems of an app's ref sources and `$<ref>/...` value files, each naming its field (`field(i)` is the
 * field path of source i, e.g. `spec.sources[1]`): ref names as Argo CD allows them, no ref used twice, no ref source
 * with a chart, and every `$<ref>` naming a ref source of the same app (a single-source app has none).
 */
export function refSourceProblems(sources: readonly ApplicationSource[], field: (index: number) => string, options: { multiSource: boolean }): string[] {
  const problems: string[] = [];
  const refs = new Map<string, number>();
  sources.forEach((s, i) => {
    if (s.ref === undefined || s.ref === '') return;
    if (!options.multiSource) problems.push(`${field(i)}.ref: only a source of spec.sources may have a ref`);
    else if (!REF_NAME.test(s.ref)) problems.push(`${field(i)}.ref: "${s.ref}" is not a valid ref name (letters, digits, "_" and "-" only)`);
    else if (refs.has(s.ref)) problems.push(`${field(i)}.ref: "${s.ref}" is already the ref of ${field(refs.get(s.ref)!)}`);
    else refs.set(s.ref, i);
    if (s.chart) problems.push(`${field(i)}: a source with a ref must not have a chart`);
  });
  sources.forEach((s, i) => {
    strings(s.helm?.valueFiles).forEach((file, j) => {
      const at = `${field(i)}.helm.valueFiles[${j}]`;
      try {
        const parsed = parseRefValueFile(file);
        if (parsed && !refs.has(parsed.ref)) problems.push(`${at}: $${parsed.ref} refers to no source with ref "${parsed.ref}"`);
      } catch (err) {
        problems.push(`${at}: ${(err as Error).message}`);
      }
    });
  });
  return problems;
}
