import fc from 'fast-check';
import type { Draw } from './draw';

/** Strings YAML 1.1 or 1.2 could read as something else, and other scalars emitters get wrong. */
const ODD_SCALARS = [
  'yes',
  'no',
  'on',
  'off',
  'y',
  'true',
  'null',
  '~',
  '0x1F',
  '0o17',
  '0777',
  '1e3',
  '1_000',
  '.5',
  '-',
  '- a',
  ': x',
  'a: b',
  '#c',
  'a #b',
  '[x]',
  '{y}',
  '*a',
  '&a',
  '!t',
  '%p',
  '@q',
  '`r`',
  '"q"',
  "'s'",
  ' lead',
  'trail ',
  '\ttab',
];

const LOWER = [...'abcdefghijklmnopqrstuvwxyz'];
const DIGITS = [...'0123456789'];
const UPPER = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ'];

/** A first character from `first`, then `min` to `max` more from `rest` (faster than fc.stringMatching). */
const shaped = (first: string[], rest: string[], max: number, min = 0) =>
  fc.tuple(fc.constantFrom(...first), fc.string({ unit: fc.constantFrom(...rest), minLength: min, maxLength: max })).map(([a, b]) => a + b);

/** A short lowercase word, for names, keys and plain values. */
export const word = shaped(LOWER, [...LOWER, ...DIGITS], 6);

/** A generator data key (kustomize accepts any; these are the ones Kubernetes accepts). */
export const dataKey = fc.oneof(
  { arbitrary: shaped([...LOWER, ...UPPER], [...LOWER, ...UPPER, ...DIGITS, '-', '.', '_'], 10, 2), weight: 999 },
  // Now and then a key YAML 1.1 reads as a number: kustomize 5.8.1 fails on it (a known difference, see the README).
  { arbitrary: shaped(DIGITS, [...DIGITS, '-', '.', '_'], 4), weight: 1 },
);

/** Up to three words, for list fields. */
export const words = fc.array(word, { maxLength: 3 });

/** Distinct data keys for one generator. */
export const dataKeys = fc.uniqueArray(dataKey, { minLength: 1, maxLength: 5 });

const longText = fc.string({ minLength: 50, maxLength: 400 });
const lineList = fc.array(fc.oneof(word, fc.string({ maxLength: 30 })), { minLength: 2, maxLength: 6 });
const graphemes = fc.string({ unit: 'grapheme', maxLength: 60 });
const codePoints = fc.string({ unit: 'binary', maxLength: 60 });
const short = fc.string({ maxLength: 12 });
const spaced = fc.string({ unit: fc.constantFrom(' ', ' ', 'a', 'b', 'z', '\n'), maxLength: 16 });
const bytes = fc.uint8Array({ minLength: 1, maxLength: 200 });

/** Class names of the values `textValue` draws, for the coverage report. */
export type ValueClass = 'word' | 'empty' | 'long' | 'multi-line' | 'unicode' | 'with =' | 'quoted' | 'odd scalar' | 'spaces';

/** A text value of one class: long (past 52 bytes, where kustomize folds base64), multi-line, unicode, empty, `=`… */
export function textValue(d: Draw): { value: string; cls: ValueClass } {
  const cls = d.pick<ValueClass>(['word', 'empty', 'long', 'multi-line', 'unicode', 'with =', 'quoted', 'odd scalar', 'spaces']);
  switch (cls) {
    case 'word':
      return { value: d.from(word), cls };
    case 'empty':
      return { value: '', cls };
    case 'long':
      return { value: d.from(longText), cls };
    case 'multi-line': {
      const lines = d.from(lineList);
      return { value: lines.join('\n') + (d.chance(0.5) ? '\n' : ''), cls };
    }
    case 'unicode':
      return { value: d.from(d.chance(0.5) ? graphemes : codePoints), cls };
    case 'with =':
      return { value: `${d.from(word)}=${d.from(short)}`, cls };
    case 'quoted': {
      const q = d.pick(['"', "'"]);
      return { value: `${q}${d.from(short)}${d.chance(0.8) ? q : ''}`, cls };
    }
    case 'odd scalar':
      return { value: d.pick(ODD_SCALARS), cls };
    case 'spaces':
      return { value: `${d.from(spaced)}${d.pick([' ', '\n'])}${d.from(spaced)}`, cls };
  }
}

/** File contents: text of any class, or bytes that are not UTF-8 (binary). */
export function fileContent(d: Draw): { value: string | Uint8Array; cls: ValueClass | 'binary' } {
  if (d.chance(0.2)) return { value: d.from(bytes), cls: 'binary' };
  return textValue(d);
}
