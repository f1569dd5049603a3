import { relaxIndentation, type KubeObject } from '@fjord/k8s-yaml';
import { SourceError } from '@fjord/source-fs';
import { LineCounter, parseAllDocuments, parseDocument } from 'yaml';

const PARSE_OPTIONS = { prettyErrors: false, uniqueKeys: true, version: '1.2', schema: 'core' } as const;

/**
 * Parses multi-document YAML the way kustomize's kyaml (YAML 1.2) reads resources: `yes` stays a string, empty
 * documents are skipped, `*List` kinds with `items` are flattened. Flow collections and quoted strings continued on
 * lines no deeper than their key are read as go-yaml reads them (relaxIndentation keeps every line where it was, so
 * errors still name the file and line).
 */
export function parseObjects(text: string, file: string): KubeObject[] {
  const lineCounter = new LineCounter();
  const docs = parseAllDocuments(relaxIndentation(text), { ...PARSE_OPTIONS, lineCounter });
  const list = Array.isArray(docs) ? docs : [docs];
  const out: KubeObject[] = [];
  for (const doc of list) {
    const err = doc.errors[0];
    if (err) throw new SourceError(err.message.split('\n')[0], { file, line: lineCounter.linePos(err.pos[0]).line });
    const value: unknown = doc.toJS({ maxAliasCount: 100 });
    if (value === null || value === undefined) continue;
    const line = lineCounter.linePos(doc.contents?.range?.[0] ?? 0).line;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new SourceError(`expected a Kubernetes object (a mapping), got ${Array.isArray(value) ? 'a list' : typeof value}`, { file, line });
    }
    if (Object.keys(value).length === 0) continue;
    out.push(...flattenList(value as KubeObject));
  }
  return out;
}

/** Parses one YAML or JSON value (a patch, a field value); undefined for an empty document. */
export function parseValue(text: string, file: string, field?: string): unknown {
  const lineCounter = new LineCounter();
  const doc = parseDocument(relaxIndentation(text), { ...PARSE_OPTIONS, lineCounter });
  const err = doc.errors[0];
  if (err) throw new SourceError(err.message.split('\n')[0], { file, field, line: lineCounter.linePos(err.pos[0]).line });
  return doc.toJS({ maxAliasCount: 100 }) ?? undefined;
}

function flattenList(obj: KubeObject): KubeObject[] {
  if (typeof obj.kind !== 'string' || !obj.kind.endsWith('List') || !Array.isArray(obj.items)) return [obj];
  return (obj.items as unknown[]).flatMap((item) => (item && typeof item === 'object' && !Array.isArray(item) ? flattenList(item as KubeObject) : []));
}
