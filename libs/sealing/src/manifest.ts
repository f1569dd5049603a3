import { parseAllDocuments, stringify } from 'yaml';
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
 * Parses every object in a JSON or YAML (multi-document) text; empty documents are skipped. Errors name the line
 * but never quote the text, since it may hold secret values.
 */
export function parseObjects(text: string): Record<string, unknown>[] {
  const trimmed = text.trim();
  if (trimmed === '') return [];
  if (trimmed.startsWith('{')) {
    try {
      return [JSON.parse(trimmed) as Record<string, unknown>];
    } catch {
      // Concatenated JSON objects or JSON-ish YAML: let the YAML parser have a go.
    }
  }
  const out: Record<string, unknown>[] = [];
  for (const doc of parseAllDocuments(text)) {
    if (doc.errors.length > 0) {
      const line = doc.errors[0].linePos?.[0]?.line;
      throw new SealingError(SealingErrorReason.InvalidInput, `failed to parse the input${line ? ` at line ${line}` : ''}: ${doc.errors[0].code}`);
    }
    const value: unknown = doc.toJS();
    if (value === null || value === undefined) continue;
    if (typeof value !== 'object' || Array.isArray(value)) {
      throw new SealingError(SealingErrorReason.InvalidInput, 'failed to parse the input: expected a Kubernetes object');
    }
    out.push(value as Record<string, unknown>);
  }
  return out;
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

/** Formats an object as kubeseal prints it: pretty JSON with a trailing newline, or YAML after `---`. */
export function formatObject(object: unknown, format: OutputFormat): string {
  if (format === OutputFormat.Yaml) return `---\n${stringify(object, { lineWidth: 0 })}`;
  return `${JSON.stringify(object, null, 2)}\n`;
}
