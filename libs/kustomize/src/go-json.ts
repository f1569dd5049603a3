/** Go's encoding/json output for plain values: sorted map keys, HTML-safe escapes, no spaces. */
export function goJsonMarshal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'string') return goJsonString(value);
  if (typeof value === 'number') return Number.isFinite(value) ? goJsonNumber(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (Array.isArray(value)) return `[${value.map(goJsonMarshal).join(',')}]`;
  if (typeof value === 'object') {
    const keys = Object.keys(value).sort(byteCompare);
    return `{${keys.map((k) => `${goJsonString(k)}:${goJsonMarshal((value as Record<string, unknown>)[k])}`).join(',')}}`;
  }
  return goJsonString(String(value));
}

/** Orders strings by UTF-8 bytes, as Go sorts map keys. */
export function byteCompare(a: string, b: string): number {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return Buffer.compare(ab, bb);
}

/** The short escapes; `\b` and `\f` since Go 1.22 (kustomize 5.8.1 is built with a later Go), before that \u0008 and \u000c. */
const SHORT: Record<string, string> = { '"': '\\"', '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t', '\b': '\\b', '\f': '\\f' };

/** A JSON string literal as Go writes it (`<`, `>`, `&`, U+2028/9 and control characters as \u escapes). */
export function goJsonString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const code = ch.codePointAt(0) ?? 0;
    if (SHORT[ch]) out += SHORT[ch];
    else if (code < 0x20 || ch === '<' || ch === '>' || ch === '&' || code === 0x2028 || code === 0x2029) {
      out += `\\u${code.toString(16).padStart(4, '0')}`;
    } else out += ch;
  }
  return `${out}"`;
}

/** A float64 as Go's encoding/json prints it (exponent only below 1e-6 or from 1e21). */
export function goJsonNumber(n: number): string {
  const abs = Math.abs(n);
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) {
    return n.toExponential().replace(/e([+-])(\d)$/, 'e$10$2');
  }
  return String(n);
}
