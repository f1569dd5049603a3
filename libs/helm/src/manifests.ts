/** Turning rendered files into ordered manifests and hooks, as `helm template` does (releaseutil.SortManifests). */
import { KIND_ORDER } from '@fjord/argo';
import { isPlainMap, readYaml } from './yaml-read';

/**
 * Helm 4's install order of kinds; other kinds follow, alphabetically. It is Argo CD's order (older Helm's) with
 * PriorityClass first and the admission webhook configurations last.
 */
export const INSTALL_ORDER: readonly string[] = ['PriorityClass', ...KIND_ORDER, 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

const ORDER = new Map(INSTALL_ORDER.map((k, i) => [k, i]));

const HOOK_EVENTS = new Set([
  'pre-install',
  'post-install',
  'pre-delete',
  'post-delete',
  'pre-upgrade',
  'post-upgrade',
  'pre-rollback',
  'post-rollback',
  'test',
  'test-success',
]);

/** One YAML document of a rendered template, as Helm keeps it (text verbatim) with its head. */
export interface ManifestDoc {
  /** Template path, e.g. `mychart/templates/deployment.yaml`. */
  path: string;
  /** The document text, trimmed, exactly as Helm prints it. */
  content: string;
  kind: string;
  /** The hook events when the document is a Helm hook (`helm.sh/hook`), else undefined. */
  hookEvents?: string[];
}

/** The sorted output: regular manifests and hooks, each in Helm's order. */
export interface SortedManifests {
  manifests: ManifestDoc[];
  hooks: ManifestDoc[];
}

/**
 * releaseutil.SplitManifests (Helm 4): split where a line starts with `---` (plus spaces/tabs), drop blank pieces
 * and leading whitespace; trailing text (and newlines) stay, as Helm prints them.
 */
export function splitManifests(text: string): string[] {
  return text
    .replace(/^\s+/, '')
    .split(/^---[ \t]*/m)
    .filter((d) => d.trim() !== '')
    .map((d) => d.replace(/^\s+/, ''));
}

/** Helm's stable kind sort: known kinds by install order, unknown kinds after them by name. */
export function compareKinds(a: string, b: string): number {
  const ia = ORDER.get(a);
  const ib = ORDER.get(b);
  if (ia === undefined && ib === undefined) return a < b ? -1 : a > b ? 1 : 0;
  if (ia === undefined) return 1;
  if (ib === undefined) return -1;
  return ia - ib;
}

/** A YAML parse failure of a rendered document (Helm: `YAML parse error on FILE: …`). */
export class ManifestParseError extends Error {
  constructor(
    message: string,
    readonly path: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'ManifestParseError';
  }
}

function head(doc: string, path: string): { kind: string; annotations?: Record<string, unknown> } {
  let v: unknown;
  try {
    v = readYaml(doc);
  } catch (e) {
    const line = (e as { line?: number }).line;
    throw new ManifestParseError(`YAML parse error on ${path}: error converting YAML to JSON: ${(e as Error).message}`, path, line);
  }
  if (v === null) return { kind: '' };
  if (!isPlainMap(v)) {
    const t = Array.isArray(v) ? 'array' : typeof v === 'string' ? 'string' : typeof v === 'number' ? 'number' : 'bool';
    throw new ManifestParseError(
      `YAML parse error on ${path}: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${t} into Go value of type util.SimpleHead`,
      path,
    );
  }
  const kind = typeof v.kind === 'string' ? v.kind : '';
  const meta = v.metadata;
  const annotations = isPlainMap(meta) && isPlainMap(meta.annotations) ? meta.annotations : undefined;
  return { kind, annotations };
}

/**
 * Sorts rendered files into manifests and hooks: files by path, documents in file order, then a stable sort by
 * kind. Partials, blank files and hooks of unknown events are dropped. Throws ManifestParseError on invalid YAML.
 */
export function sortManifests(files: Map<string, string>): SortedManifests {
  const manifests: ManifestDoc[] = [];
  const hooks: ManifestDoc[] = [];
  const paths = [...files.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  for (const path of paths) {
    const content = files.get(path)!;
    if (path.slice(path.lastIndexOf('/') + 1).startsWith('_') || content.trim() === '') continue;
    for (const doc of splitManifests(content)) {
      const h = head(doc, path);
      const hook = h.annotations?.['helm.sh/hook'];
      if (hook === undefined || hook === null) {
        manifests.push({ path, content: doc, kind: h.kind });
        continue;
      }
      const events = String(hook)
        .split(',')
        .map((e) => e.trim().toLowerCase());
      if (events.some((e) => !HOOK_EVENTS.has(e))) continue;
      hooks.push({ path, content: doc, kind: h.kind, hookEvents: events });
    }
  }
  const byKind = (a: ManifestDoc, b: ManifestDoc): number => compareKinds(a.kind, b.kind);
  return { manifests: manifests.sort(byKind), hooks: hooks.sort(byKind) };
}
