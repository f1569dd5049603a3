/** Values files as Helm reads them: multi-document YAML, each document a map, merged in order. */
import { getKey, setKey } from './own-keys';
import { isPlainMap, readYamlDocuments, YamlReadError } from './yaml-read';

/** A map of values (Go's map[string]interface{}). */
export type Values = Record<string, unknown>;

/**
 * Parses a values file (loader.LoadValues): every document must be a map (or empty); later documents are merged
 * over earlier ones with {@link mergeMaps}.
 */
export function loadValues(text: string): Values {
  let out: Values = {};
  for (const doc of readYamlDocuments(text)) {
    if (doc === null) continue;
    if (!isPlainMap(doc)) {
      const kind = Array.isArray(doc) ? 'array' : typeof doc === 'string' ? 'string' : typeof doc === 'number' ? 'number' : 'bool';
      throw new YamlReadError(
        `cannot unmarshal yaml document: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal ${kind} into Go value of type map[string]interface {}`,
      );
    }
    out = mergeMaps(out, doc);
  }
  return out;
}

/** loader.MergeMaps: a recursive merge where maps merge key by key and anything else in `b` replaces `a`. */
export function mergeMaps(a: Values, b: Values): Values {
  const out: Values = { ...a };
  for (const [k, v] of Object.entries(b)) {
    const prev = getKey(out, k);
    setKey(out, k, isPlainMap(v) && isPlainMap(prev) ? mergeMaps(prev, v) : v);
  }
  return out;
}
