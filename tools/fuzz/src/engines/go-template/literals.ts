/** Pools of literal tokens: the odd corners of text/template's lexer (numbers, runes, strings, raw strings). */
import fc from 'fast-check';

/** Number literals Go reads: plain, other bases, underscores, exponents, hex floats, overflow to float, imaginary. */
// prettier-ignore
export const NUMBERS = [
  '0', '1', '-1', '2', '3', '7', '42', '-5', '10', '255', '1000', '65',
  '0x1F', '0X1f', '0o17', '0O17', '017', '0b101', '0B11', '1_000', '0x_1F',
  '9223372036854775807', '-9223372036854775808', '9223372036854775808', '18446744073709551615', '4294967296',
  '1.5', '-2.25', '.5', '1.', '0.1', '1e3', '1E3', '1e-7', '2.5e+10', '1e21', '-0.0', '0x1p-2', '0x1.8p1', '1e-400',
  '1i', '2.5i', '1e2i', '-1i',
];

/** Number literals Go refuses (bad syntax, out of range). */
// prettier-ignore
export const BAD_NUMBERS = ['08', '0x10i', '0x', '1e', '1..2', '+1', '++1', '1__0', '1_0.5', '1e400', '0x1p2000', '-9223372036854775809', '1_'];

/** Small counts for functions whose cost grows with the number. */
export const COUNTS = ['0', '1', '2', '3', '4', '-1', '5'];

/** Rune literals Go reads. */
export const RUNES = ["'a'", "'\\n'", "'\\x41'", "'\\u00e9'", "'\\U0001F600'", "'\\''", "'é'", "'\\101'", "'😀'"];

/** Rune literals Go refuses. */
export const BAD_RUNES = ["'ab'", "''", "'\\q'", "'\\400'", "'\\uD800'", "'a"];

const STRING_PARTS = [
  'a',
  'b',
  'x',
  ' ',
  'Hello',
  'wORLD',
  'é',
  '日本',
  '😀',
  '-',
  '_',
  '.',
  ',',
  ':',
  '/',
  '1',
  '0',
  '\\n',
  '\\t',
  '\\"',
  '\\\\',
  '\\x41',
  '\\u00e9',
  '\\U0001F600',
  '<',
  '>',
  '&',
  "'",
  '%',
  '{',
  '}',
  '$',
  'ǅ',
];

/** Double-quoted string literals made of odd pieces (escapes, unicode, markup, template delimiters' halves). */
export const stringLiteral: fc.Arbitrary<string> = fc.array(fc.constantFrom(...STRING_PARTS), { maxLength: 5 }).map((parts) => `"${parts.join('')}"`);

/** Raw string literals, multi-line sometimes. */
export const rawLiteral: fc.Arbitrary<string> = fc
  .array(fc.constantFrom('a', 'b c', '\n', '\\n', '"', 'é', '{', '}'), { maxLength: 4 })
  .map((parts) => `\`${parts.join('')}\``);

/** printf formats: verbs with flags, widths, precisions, `*` and `[n]` argument indexes, and stray text. */
export const formatLiteral: fc.Arbitrary<string> = fc
  .array(
    fc.oneof(
      fc.constantFrom('x', ' ', '-', '%%', 'é', '\\n'),
      fc
        .record({
          flags: fc.subarray(['+', '-', '#', ' ', '0']),
          width: fc.constantFrom('', '', '3', '8', '*', '[1]*', '0', '10000000'),
          precision: fc.constantFrom('', '', '.2', '.0', '.', '.*', '.10'),
          index: fc.constantFrom('', '', '', '[1]', '[2]', '[3]', '[0]', '[x]'),
          verb: fc.constantFrom('v', 'v', 'd', 's', 'q', 'x', 'X', 'o', 'O', 'b', 'e', 'E', 'f', 'F', 'g', 'G', 'c', 'U', 't', 'T', '+v', '#v', 'z', '!'),
        })
        .map((v) => `%${v.flags.join('')}${v.width}${v.precision}${v.index}${v.verb}`),
    ),
    { minLength: 1, maxLength: 4 },
  )
  .map((parts) => `"${parts.join('')}"`);

/** Regular expressions: RE2 syntax Sprig passes to Go's regexp, some invalid. */
export const regexLiteral = fc.constantFrom(
  '"a+"',
  '"[a-z]+"',
  '"^x"',
  '"(?i)hello"',
  '"\\\\d+"',
  '"(a)(b)?"',
  '"a|b"',
  '"."',
  '"("',
  '"\\\\w+@"',
  '"^$"',
  '"[[:alpha:]]+"',
  '"(?P<n>l+)"',
  '"\\\\pL"',
  '"x*"',
  '"é"',
);

/** Versions and constraints for semver functions. */
export const versionLiteral = fc.constantFrom(
  '"1.2.3"',
  '"v1.19.3-eks-1234"',
  '"1.2"',
  '">=1.0"',
  '"^1.2"',
  '"~1.2.3"',
  '"1.x"',
  '">=1.19-0"',
  '"not-a-version"',
  '"1.2.3-alpha+b"',
  '"<2.0, >1.0 || 3.x"',
  '""',
);

/** Go date layouts and dates. */
export const layoutLiteral = fc.constantFrom(
  '"2006-01-02"',
  '"2006-01-02T15:04:05Z07:00"',
  '"Mon Jan 2 15:04:05 MST 2006"',
  '"02/01/06 03:04PM"',
  '"Jan _2 .000"',
  '"x"',
  '""',
);

/**
 * Unix seconds for the date functions, inside JS Date's range (±275760 years; beyond it Go's int64 seconds wrap
 * around its calendar, a known difference).
 */
export const EPOCHS = ['0', '86399', '1700000000', '-1', '253402300799', '-62135596800', '4102444800', '951782400'];
