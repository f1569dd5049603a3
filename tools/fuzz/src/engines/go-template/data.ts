/**
 * Random template data as Helm charts see it (numbers float64 unless tagged as Go ints), in a JSON form both sides
 * read the same way: `{"$int": n}` is a Go int on both sides (a bigint in Fjord's value model).
 */
import fc from 'fast-check';

/** Data in the JSON form sent to the oracle; see {@link toFjord} for Fjord's reading of it. */
export type Data = Record<string, unknown>;

const text = fc.string({
  unit: fc.constantFrom(
    'a',
    'b',
    'Z',
    ' ',
    '-',
    '.',
    '/',
    ':',
    '1',
    '0',
    'é',
    '日',
    '😀',
    '\n',
    '\t',
    '"',
    '\\',
    '<',
    '&',
    '%',
    '{',
    '}',
    'ǅ',
    '\u0000',
    '\u200b',
  ),
  maxLength: 8,
});
const int = fc.integer({ min: -10, max: 10 }).map((n) => ({ $int: n }));
const float = fc.oneof(
  fc.constantFrom(0, 1, -1, 1.5, -2.5, 0.1, 1e21, 1e20, 123456789, 1e-7, 3, 2.5e-5, 1e100, 5e-324, 1.7976931348623157e308, 9007199254740993),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 }),
);
const scalar = fc.oneof(text, int, float, fc.boolean(), fc.constant(null));
const list = fc.array(scalar, { maxLength: 4 });
const map = fc.dictionary(fc.constantFrom('a', 'b', 'x', 'B', 'é', ''), fc.oneof(scalar, list), { maxKeys: 4 });

/** Random data: fixed keys with one kind of value each (so field paths mean something), plus nested `a`. */
export const templateData: fc.Arbitrary<Data> = fc.record({
  s: text,
  u: fc.constantFrom('héllo wörld', 'ǅemal', 'İstanbul', 'straße', '日本語', 'a😀b', 'FooBar_baz-qux', ''),
  i: int,
  f: float,
  b: fc.boolean(),
  n: fc.constant(null),
  l: list,
  m: map,
  e: fc.constant(''),
  z: fc.constant({ $int: 0 }),
  a: fc.oneof(map, list, scalar),
});

/** Fjord's reading of the data: tagged ints become bigints; the rest is as JSON gives it. */
export function toFjord(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(toFjord);
  if (v !== null && typeof v === 'object') {
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === '$int') return BigInt(o.$int as number);
    return Object.fromEntries(keys.map((k) => [k, toFjord(o[k])]));
  }
  return v;
}
