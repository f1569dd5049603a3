/**
 * Reading YAML the way Helm does: sigs.k8s.io/yaml over go-yaml v2 (YAML 1.1 scalars, then a JSON round trip), as
 * @fjord/k8s-yaml reads it for manifests too; here with Helm's error messages (`yaml: line N: …`).
 */
import { ManifestError, readYamlDocument, readYamlStream } from '@fjord/k8s-yaml';

/** A YAML syntax or shape error with the 1-based line where it was found. */
export class YamlReadError extends Error {
  constructor(
    message: string,
    readonly line?: number,
  ) {
    super(message);
    this.name = 'YamlReadError';
  }
}

/** Runs a read, turning k8s-yaml's error into Helm's (`yaml: line 3: …`). */
function helmErrors<T>(read: () => T): T {
  try {
    return read();
  } catch (e) {
    if (!(e instanceof ManifestError)) throw e;
    throw new YamlReadError(e.line ? `yaml: line ${e.line}: ${e.detail}` : `yaml: ${e.detail}`, e.line);
  }
}

/**
 * Parses one YAML document into Go-like JSON values (null when empty). With `keepInts`, YAML integers stay
 * bigints (for struct targets such as Chart.yaml, where sigs.k8s.io/yaml turns an int into its decimal string).
 */
export function readYaml(text: string, keepInts = false): unknown {
  return helmErrors(() => readYamlDocument(text, { file: '', intAsBigInt: keepInts }));
}

/** Parses every document of a multi-document YAML text as Helm's loader does (empty documents become null). */
export function readYamlDocuments(text: string): unknown[] {
  return helmErrors(() => readYamlStream(text, { file: '' }));
}

/** True when a value is a plain (Go map) object. */
export function isPlainMap(v: unknown): v is Record<string, unknown> {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Uint8Array) return false;
  const proto = Object.getPrototypeOf(v);
  return proto === null || proto === Object.prototype || Object.getPrototypeOf(proto) === null;
}

/** Unmarshals YAML into a map as Helm does for values and `fromYaml`: an empty document is an empty map. */
export function readYamlMap(text: string): Record<string, unknown> {
  const v = readYaml(text);
  if (v === null) return {};
  if (!isPlainMap(v)) {
    throw new YamlReadError(
      `error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${jsonKind(v)} into Go value of type map[string]interface {}`,
    );
  }
  return v;
}

/** The JSON kind name Go's decoder reports (`array`, `string`, `number`, `bool`). */
export function jsonKind(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'number';
  if (typeof v === 'boolean') return 'bool';
  return 'object';
}
