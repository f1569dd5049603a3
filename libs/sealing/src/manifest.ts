import { ManifestError, readYamlDocument, readYamlStream, stringifyManifests, type KubeObject } from '@fjord/k8s-yaml';
import { SealingError, SealingErrorReason } from './errors';

/** Output formats of sealed objects (kubeseal's `--format`). */
export const OutputFormat = { Json: 'json', Yaml: 'yaml' } as const;
/** One of {@link OutputFormat}. */
export type OutputFormat = (typeof OutputFormat)[keyof typeof OutputFormat];

/** Parses a `--format` value. */
export function parseOutputFormat(value: string | undefined): OutputFormat {
  if (value === undefined || value === '' || value === OutputFormat.Json) return OutputFormat.Json;
  if (value === OutputFormat.Yaml) return OutputFormat.Yaml;
  throw new SealingError(SealingErrorReason.InvalidInput, `unsupported output format: ${value}`);
}

/**
 * Parses every object in a JSON or YAML (multi-document) text as kubeseal does: through Go's YAML reading (YAML 1.1:
 * `enabled: yes` is true, `mode: 0644` is 420; see @fjord/k8s-yaml), JSON included; concatenated JSON objects (kubeseal's `-o json` of several) are read one by one; empty documents are skipped.
 * Errors name the line but never quote the text, since it may hold secret values.
 */
export function parseObjects(text: string): Record<string, unknown>[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  const documents = trimmed.startsWith('{')
    ? jsonObjectTexts(trimmed).map((json) => readYaml(() => [readYamlDocument(json, READ)]))
    : readYaml(() => readYamlStream(text, READ));
  const out: Record<string, unknown>[] = [];
  for (const value of documents.flat()) {
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new SealingError(SealingErrorReason.InvalidInput, 'failed to parse the input: expected a Kubernetes object');
    }
    out.push(value as Record<string, unknown>);
  }
  return out;
}

const READ = { file: 'input' };

function readYaml(read: () => unknown[]): unknown[] {
  try {
    return read();
  } catch (err) {
    if (!(err instanceof ManifestError)) throw err;
    throw new SealingError(SealingErrorReason.InvalidInput, `failed to parse the input${err.line ? ` at line ${err.line}` : ''}: not valid YAML or JSON`);
  }
}

/** The texts of the top-level objects of concatenated JSON (`{…}{…}`); what does not close is left to the reader. */
function jsonObjectTexts(text: string): string[] {
  const texts: string[] = [];
  let depth = 0;
  let start = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inString) {
      if (ch === '\\') i++;
      else if (ch === '"') inString = false;
    } else if (ch === '"') inString = true;
    else if (ch === '{' && depth++ === 0) start = i;
    else if (ch === '}' && --depth === 0) texts.push(text.slice(start, i + 1));
  }
  return depth === 0 && texts.length > 0 ? texts : [text];
}

/** Parses exactly one object of the given kind. */
export function parseSingleObject<T>(text: string, kind: string): T {
  const objects = parseObjects(text);
  if (objects.length !== 1) {
    throw new SealingError(SealingErrorReason.InvalidInput, `expected exactly one ${kind}, got ${objects.length} objects`);
  }
  if (objects[0].kind !== undefined && objects[0].kind !== kind) {
    throw new SealingError(SealingErrorReason.InvalidInput, `expected a ${kind}, got a ${String(objects[0].kind)}`);
  }
  return objects[0] as T;
}

/**
 * Formats an object as kubeseal prints it: pretty JSON with a trailing newline, or YAML after `---` with every
 * string Go would read as something else quoted (`"y"`, `"0777"`), so kubectl and kubeseal read back what was printed.
 */
export function formatObject(object: unknown, format: OutputFormat): string {
  if (format === OutputFormat.Yaml) return `---\n${stringifyManifests([object as KubeObject])}`;
  return `${JSON.stringify(object, null, 2)}\n`;
}
