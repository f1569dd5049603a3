/** Reading YAML the way Helm does (sigs.k8s.io/yaml over yaml.v2): YAML 1.1 scalars, then a JSON round trip. */
import { LineCounter, parseAllDocuments, parseDocument, type Document, type Tags } from 'yaml';

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

/** yaml.v2 keeps timestamps as strings when the target is interface{}; sexagesimal numbers are strings too. */
const helmTags = (tags: Tags): Tags => [
  ...tags.filter(
    (t) =>
      typeof t === 'string' || (t.tag !== 'tag:yaml.org,2002:timestamp' && t.format !== 'TIME' && t.tag !== 'tag:yaml.org,2002:binary' && !isPlainFloat(t)),
  ),
  yamlV2Float,
];

const FLOAT_TAG = 'tag:yaml.org,2002:float';

/** The 1.1 schema's decimal float tags (not .inf/.nan), which accept strings such as `.` that yaml.v2 does not. */
function isPlainFloat(t: Tags[number]): boolean {
  return typeof t !== 'string' && t.tag === FLOAT_TAG && String(t.test ?? '').includes('[0-9]');
}

/** yaml.v2's float resolution: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$` after removing `_`. */
const yamlV2Float = {
  tag: FLOAT_TAG,
  default: true,
  test: /^[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?$/,
  resolve: (str: string): number => Number(str.replace(/_/g, '')),
};

const OPTIONS = { version: '1.1', schema: 'yaml-1.1', customTags: helmTags, uniqueKeys: false, merge: true, prettyErrors: false } as const;

/** Largest number of alias expansions in one document (a "billion laughs" guard). */
const MAX_ALIASES = 10_000;

/**
 * Converts a parsed YAML value into what Go sees after sigs.k8s.io/yaml's JSON round trip: maps with string keys
 * (a key `true` becomes "true"), every number a float64, NaN/Inf rejected as JSON would.
 */
function jsonRoundTrip(v: unknown, keepInts = false): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return keepInts ? v : Number(v);
  if (typeof v === 'number') {
    if (!Number.isFinite(v)) throw new YamlReadError(`json: unsupported value: ${v}`);
    return v;
  }
  if (typeof v !== 'object') return v;
  if (v instanceof Uint8Array) return Buffer.from(v).toString('base64');
  if (Array.isArray(v)) return v.map((x) => jsonRoundTrip(x, keepInts));
  if (v instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of v) out[keyString(k)] = jsonRoundTrip(x, keepInts);
    return out;
  }
  if (v instanceof Set) {
    const out: Record<string, unknown> = {};
    for (const k of v) out[keyString(k)] = null;
    return out;
  }
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) out[k] = jsonRoundTrip(x, keepInts);
  return out;
}

function keyString(k: unknown): string {
  if (k === null || k === undefined) return 'null';
  if (typeof k === 'object') return JSON.stringify(jsonRoundTrip(k));
  return String(k);
}

function docValue(doc: Document, lc: LineCounter, keepInts = false): unknown {
  const err = doc.errors[0];
  if (err) {
    const line = lc.linePos(err.pos[0]).line;
    throw new YamlReadError(`yaml: line ${line}: ${err.message.split('\n')[0]}`, line);
  }
  try {
    return jsonRoundTrip(doc.toJS({ maxAliasCount: MAX_ALIASES, mapAsMap: true }), keepInts);
  } catch (e) {
    if (e instanceof YamlReadError) throw e;
    throw new YamlReadError(`yaml: ${(e as Error).message}`);
  }
}

/**
 * Parses one YAML document into Go-like JSON values (null when empty). With `keepInts`, YAML integers stay
 * bigints (for struct targets such as Chart.yaml, where sigs.k8s.io/yaml turns an int into its decimal string).
 */
export function readYaml(text: string, keepInts = false): unknown {
  const lc = new LineCounter();
  const doc = parseDocument(text, { ...OPTIONS, lineCounter: lc, intAsBigInt: keepInts });
  return docValue(doc, lc, keepInts);
}

/** Parses every document of a multi-document YAML text (empty documents become null). */
export function readYamlDocuments(text: string): unknown[] {
  const lc = new LineCounter();
  return parseAllDocuments(text, { ...OPTIONS, lineCounter: lc }).map((d) => docValue(d as Document, lc));
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
