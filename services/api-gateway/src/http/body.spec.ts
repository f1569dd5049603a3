import { jsonDepth, MAX_JSON_DEPTH, parseJson } from './body';

describe('parseJson', () => {
  it('refuses a body nested deeper than the limit without parsing it', () => {
    const deep = '['.repeat(200_000) + ']'.repeat(200_000);
    expect(() => parseJson(Buffer.from(deep))).toThrow(`body is nested deeper than ${MAX_JSON_DEPTH} levels`);
  });

  it('counts brackets inside strings as text', () => {
    expect(jsonDepth('{"a": "[[[[{{{{\\"[[", "b": [1, {"c": []}]}')).toBe(4);
    expect(parseJson(Buffer.from(`{"a": "${'['.repeat(500)}"}`))).toEqual({ a: '['.repeat(500) });
  });

  it('answers malformed JSON with the parser reason, and an empty body as {}', () => {
    expect(() => parseJson(Buffer.from('{"a": tru'))).toThrow(/^malformed JSON body: /);
    expect(parseJson(Buffer.alloc(0))).toEqual({});
  });
});
