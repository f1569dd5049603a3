/** Go's encoding/json over the value model: sorted keys, HTML escaping, Go number forms, []byte as base64. */
import { GoInt, GoStruct, intOf, isGoInt, isGoMap, sortedKeys, typeString, type GoValue } from '@fjord/go-template';

/** Marshal options: escapeHTML (json.Marshal: true; Encoder.SetEscapeHTML(false): false) and indent. */
export interface JsonOptions {
  escapeHTML: boolean;
  indent?: string;
}

function jsonString(s: string, escapeHTML: boolean): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\b') out += '\\b';
    else if (ch === '\f') out += '\\f';
    else if (c < 0x20 || (escapeHTML && (ch === '<' || ch === '>' || ch === '&')) || c === 0x2028 || c === 0x2029) {
      out += `\\u${c.toString(16).padStart(4, '0')}`;
    } else if (c >= 0xd800 && c <= 0xdfff) out += '\ufffd';
    else out += ch;
  }
  return out + '"';
}

function jsonFloat(f: number): string {
  if (!Number.isFinite(f)) throw new Error(`json: unsupported value: ${Number.isNaN(f) ? 'NaN' : f > 0 ? '+Inf' : '-Inf'}`);
  if (Object.is(f, -0)) return '-0';
  return String(f);
}

/** json.Marshal / MarshalIndent; throws Go's error for unsupported values. */
export function marshalJson(v: GoValue, opts: JsonOptions, prefix = ''): string {
  const ind = opts.indent;
  const nl = (p: string): string => (ind !== undefined ? `\n${p}` : '');
  if (v === null || v === undefined) return 'null';
  switch (typeof v) {
    case 'string':
      return jsonString(v, opts.escapeHTML);
    case 'boolean':
      return String(v);
    case 'bigint':
      return v.toString();
    case 'number':
      return jsonFloat(v);
    case 'function':
      throw new Error(`json: unsupported type: ${typeString(v)}`);
  }
  if (isGoInt(v)) return intOf(v as GoInt).toString();
  if (v instanceof Uint8Array) return `"${Buffer.from(v).toString('base64')}"`;
  if (v instanceof Date) return `"${v.toISOString()}"`;
  const inner = prefix + (ind ?? '');
  const sep = ind !== undefined ? ': ' : ':';
  if (Array.isArray(v)) {
    if (v.length === 0) return '[]';
    return `[${v.map((x) => nl(inner) + marshalJson(x, opts, inner)).join(',')}${nl(prefix)}]`;
  }
  if (v instanceof GoStruct) {
    const entries = Object.entries(v.fields);
    if (!entries.length) return '{}';
    return `{${entries.map(([k, x]) => `${nl(inner)}${jsonString(k, opts.escapeHTML)}${sep}${marshalJson(x, opts, inner)}`).join(',')}${nl(prefix)}}`;
  }
  if (isGoMap(v)) {
    const keys = sortedKeys(v);
    if (!keys.length) return '{}';
    return `{${keys.map((k) => `${nl(inner)}${jsonString(k, opts.escapeHTML)}${sep}${marshalJson(v[k], opts, inner)}`).join(',')}${nl(prefix)}}`;
  }
  throw new Error(`json: unsupported type: ${typeString(v)}`);
}

/** json.Unmarshal into interface{}: objects → maps, numbers → float64; throws Go-like syntax errors. */
export function unmarshalJson(text: string): GoValue {
  try {
    return JSON.parse(text) as GoValue;
  } catch (e) {
    if (text.trim() === '') throw new Error('unexpected end of JSON input');
    throw new Error(`invalid character in JSON: ${(e as Error).message}`);
  }
}
