/**
 * Go's one-rune case mappings (unicode.ToUpper, ToLower, ToTitle, IsSpace), which use Unicode's simple mappings:
 * a rune maps to one rune or stays (ß stays ß, İ lowers to i), where JS's toUpperCase/toLowerCase use the full,
 * sometimes multi-character ones. Strings map rune by rune, as strings.ToUpper and strings.ToLower do.
 */

/** Simple mappings JS cannot tell from its full ones: İ → i; Greek letters with ypogegrammeni to their title forms. */
function simpleUpperOf(c: number): number | undefined {
  if ((c >= 0x1f80 && c <= 0x1f87) || (c >= 0x1f90 && c <= 0x1f97) || (c >= 0x1fa0 && c <= 0x1fa7)) return c + 8;
  if (c === 0x1fb3 || c === 0x1fc3 || c === 0x1ff3) return c + 9;
  return undefined;
}

const single = (s: string): boolean => [...s].length === 1;

/** unicode.ToUpper. */
export function upperRune(r: string): string {
  const simple = simpleUpperOf(r.codePointAt(0)!);
  if (simple !== undefined) return String.fromCodePoint(simple);
  const u = r.toUpperCase();
  return single(u) ? u : r;
}

/** unicode.ToLower. */
export function lowerRune(r: string): string {
  if (r === '\u0130') return 'i';
  const l = r.toLowerCase();
  return single(l) ? l : r;
}

/** Title case differs from upper case for the Latin digraphs (ǅ ǈ ǋ ǲ). */
const TITLE: Record<string, string> = { Ǆ: 'ǅ', ǅ: 'ǅ', ǆ: 'ǅ', Ǉ: 'ǈ', ǈ: 'ǈ', ǉ: 'ǈ', Ǌ: 'ǋ', ǋ: 'ǋ', ǌ: 'ǋ', Ǳ: 'ǲ', ǲ: 'ǲ', ǳ: 'ǲ' };

/** unicode.ToTitle. */
export const titleRune = (r: string): string => TITLE[r] ?? upperRune(r);

/** strings.ToUpper (ASCII in bulk, other runes one by one). */
export const goUpper = (s: string): string => s.replace(/[a-z]+/g, (m) => m.toUpperCase()).replace(/[^\x00-\x7f]/gu, upperRune);

/** strings.ToLower (ASCII in bulk, other runes one by one). */
export const goLower = (s: string): string => s.replace(/[A-Z]+/g, (m) => m.toLowerCase()).replace(/[^\x00-\x7f]/gu, lowerRune);

/** unicode.IsSpace. */
export const isGoSpace = (r: string): boolean => /^[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]$/u.test(r);
