import type { KubeObject } from '@fjord/argo';
import { ManifestError } from './manifest-error';
import { readYamlStream } from './read-yaml';

/**
 * Parses one file of multi-document YAML (JSON is YAML too) into Kubernetes objects, as kubectl and Argo CD read a
 * plain directory: documents split at `---` lines, each read as sigs.k8s.io/yaml reads it (YAML 1.1 scalars, Go's
 * leniencies, duplicate keys resolved to the last). Empty documents are skipped, `kind: List` (and `*List`) objects
 * are flattened into their items, and a document that is not a mapping, or a YAML error, raises a ManifestError
 * naming the file and line.
 */
export function parseManifests(text: string, file: string): KubeObject[] {
  const out: KubeObject[] = [];
  const lines = documentLines(text);
  readYamlStream(text, { file }).forEach((value, i) => {
    if (value === null) return;
    const line = lines[i];
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new ManifestError(file, `expected a Kubernetes object (a mapping), got ${Array.isArray(value) ? 'a list' : typeof value}`, line);
    }
    out.push(...flattenList(value as KubeObject, file, line));
  });
  return out;
}

/** The line each document of a stream starts on (its first line that is not blank, a comment or `---`). */
function documentLines(text: string): number[] {
  const out: number[] = [];
  let start: number | undefined;
  let inDoc = false;
  text.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.startsWith('---') && inDoc) {
      out.push(start ?? i + 1);
      [start, inDoc] = [undefined, false];
      return;
    }
    inDoc = true;
    if (start === undefined && line.trim() !== '' && !line.trim().startsWith('#') && !line.startsWith('---')) start = i + 1;
  });
  if (inDoc) out.push(start ?? 1);
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
