/**
 * JSON text read with each scalar's source text kept. kustomize hands a JSON patch written as JSON (its text starts
 * with `[`) to evanphx/json-patch v4 as is, and that library's `test` compares scalars by their JSON bytes, not their
 * values: `"a&b"` in the patch never equals the document's `"a\u0026b"` (Go's escaping), nor `1.0` its `1`.
 */

/** One scalar token as written (`"a&b"`, `1.0`, `true`, `null`). */
export class RawScalar {
  constructor(readonly text: string) {}
}

/** A JSON value with its scalars as written. */
export type RawJson = RawScalar | RawJson[] | Map<string, RawJson>;

const SCALAR = /(?:"(?:[^"\\\u0000-\u001f]|\\(?:["\\/bfnrt]|u[0-9a-fA-F]{4}))*"|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?|true|false|null)/y;

/** Reads JSON text, or returns undefined when it is not strict JSON. */
export function parseRawJson(text: string): RawJson | undefined {
  let pos = 0;
  const skip = () => {
    while (pos < text.length && ' \t\r\n'.includes(text[pos])) pos++;
  };
  const expect = (ch: string) => {
    skip();
    if (text[pos] !== ch) throw new SyntaxError(`expected ${ch} at ${pos}`);
    pos++;
  };
  const value = (): RawJson => {
    skip();
    const ch = text[pos];
    if (ch === '[') {
      pos++;
      const list: RawJson[] = [];
      skip();
      if (text[pos] === ']') return (pos++, list);
      for (;;) {
        list.push(value());
        skip();
        if (text[pos] === ']') return (pos++, list);
        expect(',');
      }
    }
    if (ch === '{') {
      pos++;
      const map = new Map<string, RawJson>();
      skip();
      if (text[pos] === '}') return (pos++, map);
      for (;;) {
        const key = value();
        if (!(key instanceof RawScalar) || !key.text.startsWith('"')) throw new SyntaxError(`expected a key at ${pos}`);
        expect(':');
        map.set(JSON.parse(key.text) as string, value());
        skip();
        if (text[pos] === '}') return (pos++, map);
        expect(',');
      }
    }
    SCALAR.lastIndex = pos;
    const m = SCALAR.exec(text);
    if (!m) throw new SyntaxError(`unexpected token at ${pos}`);
    pos += m[0].length;
    return new RawScalar(m[0]);
  };
  try {
    const v = value();
    skip();
    return pos === text.length ? v : undefined;
  } catch {
    return undefined;
  }
}
