import { isScalar, LineCounter, parseAllDocuments, visit, type Tags } from 'yaml';
import type { KubeObject } from '@fjord/argo';
import { ManifestError } from './manifest-error';

/**
 * Kubernetes reads manifests with sigs.k8s.io/yaml, i.e. YAML 1.1 (yes/on/y are booleans, 0777 is octal), but
 * unlike the full 1.1 schema it keeps timestamps and sexagesimal numbers (1:20) as strings.
 */
const kubernetesTags = (tags: Tags): Tags => tags.filter((t) => typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME'));

/** Limits that keep hostile input from exhausting memory. */
export interface ParseLimits {
  /** Largest number of alias expansions per document (YAML "billion laughs"). */
  maxAliasCount?: number;
}

/**
 * Parses one file of multi-document YAML (JSON is YAML too) into Kubernetes objects. Empty documents are skipped,
 * `kind: List` (and `*List`) objects are flattened into their items, and a document that is not a mapping, or a
 * YAML syntax error, raises a ManifestError naming the file and line.
 */
export function parseManifests(text: string, file: string, limits: ParseLimits = {}): KubeObject[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    version: '1.1',
    schema: 'yaml-1.1',
    customTags: kubernetesTags,
  });
  const out: KubeObject[] = [];
  const docList = Array.isArray(docs) ? docs : [docs];
  for (const doc of docList) {
    const first = doc.errors[0];
    if (first) {
      const pos = lineCounter.linePos(first.pos[0]);
      throw new ManifestError(file, first.message.split('\n')[0], pos.line, pos.col);
    }
    visit(doc, {
      Pair(_, pair) {
        if (pair.key !== null && !isScalar(pair.key)) {
          const pos = lineCounter.linePos((pair.key as { range?: [number] }).range?.[0] ?? 0);
          throw new ManifestError(file, 'invalid map key: a mapping or list cannot be a key (an unquoted template such as {{ .Name }}?)', pos.line, pos.col);
        }
      },
    });
    let value: unknown;
    try {
      value = doc.toJS({ maxAliasCount: limits.maxAliasCount ?? 100 });
    } catch (err) {
      const pos = doc.contents ? lineCounter.linePos(doc.contents.range?.[0] ?? 0) : undefined;
      throw new ManifestError(file, (err as Error).message, pos?.line);
    }
    if (value === null || value === undefined) continue;
    const line = lineCounter.linePos(doc.contents?.range?.[0] ?? 0).line;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ManifestError(file, `expected a Kubernetes object (a mapping), got ${Array.isArray(value) ? 'a list' : typeof value}`, line);
    }
    out.push(...flattenList(value as KubeObject, file, line));
  }
  return out;
}

function flattenList(obj: KubeObject, file: string, line: number): KubeObject[] {
  if (typeof obj.kind !== 'string' || !obj.kind.endsWith('List') || !('items' in obj)) return [obj];
  const items = obj.items;
  if (items === null || items === undefined) return [];
  if (!Array.isArray(items)) throw new ManifestError(file, `${obj.kind}.items must be a list`, line);
  return items.flatMap((item, i) => {
    if (item === null || typeof item !== 'object' || Array.isArray(item)) {
      throw new ManifestError(file, `${obj.kind}.items[${i}] is not a Kubernetes object`, line);
    }
    return flattenList(item as KubeObject, file, line);
  });
}
