/**
 * Scalars as go-yaml v2 (under sigs.k8s.io/yaml, so under kubectl, Argo CD and Helm) resolves them: YAML 1.1's
 * booleans (yes/on/y…), Go's integer syntax (0x1F, 0o17, 017, 0b101, underscores anywhere), floats only in YAML's
 * decimal form, and explicit tags (`!!int "12"`) checked against what the text resolves to.
 */

/** The long form of the YAML 1.1 type tags (`!!int` is `tag:yaml.org,2002:int`). */
export const YAML_TAG = 'tag:yaml.org,2002:';

const STR = `${YAML_TAG}str`;
const INT = `${YAML_TAG}int`;
const FLOAT = `${YAML_TAG}float`;
const BOOL = `${YAML_TAG}bool`;
const NULL = `${YAML_TAG}null`;
const TIMESTAMP = `${YAML_TAG}timestamp`;
const BINARY = `${YAML_TAG}binary`;

/** A scalar's value as Go holds it in an `interface{}`: ints keep their exact value (Go's int64 or uint64). */
export type GoScalar =
  | { type: 'null' }
  | { type: 'bool'; value: boolean }
  | { type: 'int' | 'uint'; value: bigint }
  | { type: 'float'; value: number }
  | { type: 'str'; value: string };

/** A scalar that cannot be decoded, such as `!!int abc` (go-yaml: "cannot decode !!str `abc` as a !!int"). */
export class ScalarError extends Error {
  override name = 'ScalarError';
}

const WORDS = new Map<string, GoScalar>();
const word = (value: GoScalar, ...texts: string[]) => texts.forEach((t) => WORDS.set(t, value));
word({ type: 'bool', value: true }, 'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON');
word({ type: 'bool', value: false }, 'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF');
word({ type: 'null' }, '', '~', 'null', 'Null', 'NULL');
word({ type: 'float', value: NaN }, '.nan', '.NaN', '.NAN');
word({ type: 'float', value: Infinity }, '.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF');
word({ type: 'float', value: -Infinity }, '-.inf', '-.Inf', '-.INF');

const tagOf: Record<GoScalar['type'], string> = { null: NULL, bool: BOOL, int: INT, uint: INT, float: FLOAT, str: STR };

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** YAML's decimal float form, the only one go-yaml reads as a float (not Go's hex floats or `Inf`). */
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DIGITS: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };

/** Go's strconv.ParseUint(s, base): digits only, no sign; base 0 reads the 0x/0o/0b/0 prefixes. */
function parseUint(s: string, base: 0 | 2): bigint | undefined {
  let digits = s;
  let radix = 10;
  if (base === 2) radix = 2;
  else if (/^0[xX]/.test(s)) [radix, digits] = [16, s.slice(2)];
  else if (/^0[oO]/.test(s)) [radix, digits] = [8, s.slice(2)];
  else if (/^0[bB]/.test(s)) [radix, digits] = [2, s.slice(2)];
  else if (s.length > 1 && s[0] === '0') [radix, digits] = [8, s.slice(1)];
  if (!DIGITS[radix].test(digits)) return undefined;
  const prefix = radix === 16 ? '0x' : radix === 8 ? '0o' : radix === 2 ? '0b' : '';
  const v = BigInt(prefix + digits);
  return v <= UINT64_MAX ? v : undefined;
}

/** Go's strconv.ParseInt(s, base, 64): an optional sign, then ParseUint, within int64. */
function parseInt64(s: string, base: 0 | 2): bigint | undefined {
  const neg = s[0] === '-';
  const u = parseUint(s[0] === '-' || s[0] === '+' ? s.slice(1) : s, base);
  if (u === undefined) return undefined;
  const v = neg ? -u : u;
  return v >= INT64_MIN && v <= INT64_MAX ? v : undefined;
}

/** A float Go parses without a range error (1e400 overflows, so go-yaml keeps it a string). */
function finiteFloat(s: string): number | undefined {
  const v = Number(s);
  return Number.isFinite(v) ? v : undefined;
}

/** Integers and floats for a text starting with a digit or a sign, in go-yaml's order of attempts. */
function resolveNumber(text: string): GoScalar | undefined {
  const plain = text.replace(/_/g, '');
  const i = parseInt64(plain, 0);
  if (i !== undefined) return { type: 'int', value: i };
  const u = /^[+-]/.test(plain) ? undefined : parseUint(plain, 0);
  if (u !== undefined) return { type: 'uint', value: u };
  if (YAML_FLOAT.test(plain)) {
    const f = finiteFloat(plain);
    if (f !== undefined) return { type: 'float', value: f };
  }
  // go-yaml retries a 0b prefix with the rest in base 2 (so `0b-1` is -1).
  if (plain.startsWith('0b')) {
    const b = parseInt64(plain.slice(2), 2);
    if (b !== undefined) return { type: 'int', value: b };
    const ub = /^[+-]/.test(plain.slice(2)) ? undefined : parseUint(plain.slice(2), 2);
    if (ub !== undefined) return { type: 'uint', value: ub };
  } else if (plain.startsWith('-0b')) {
    const b = parseInt64(`-${plain.slice(3)}`, 2);
    if (b !== undefined) return { type: 'int', value: b };
  }
  return undefined;
}

/** True for `YYYY-M-D` dates and the date-times go-yaml accepts (it keeps them as strings in an interface{}). */
export function isGoTimestamp(text: string): boolean {
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:([Tt ])(\d{1,2}):(\d{1,2}):(\d{1,2})(?:[.,]\d+)?(Z|[+-]\d{2}:\d{2})?)?$/.exec(text);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return false;
  if (m[4] === undefined) return true;
  if (Number(m[5]) > 23 || Number(m[6]) > 59 || Number(m[7]) > 59) return false;
  // With a T the zone is required; with a space there is none.
  return m[4] === ' ' ? m[8] === undefined : m[8] !== undefined;
}

/** What a plain, untagged scalar resolves to (`yes` is true, `0x1F` is 31, `1e400` stays a string). */
export function resolvePlain(text: string): GoScalar {
  return resolveImplicit(text, '');
}

function resolveImplicit(text: string, tag: string): GoScalar {
  const known = WORDS.get(text);
  if (known) return known;
  const first = text[0];
  if (first === '.') {
    // Go's ParseFloat takes underscores between digits (`.1_0`), as Go's own float literals do.
    const plain = text.replace(/_/g, '');
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(plain) && /^(?:[^_]|(?<=[0-9])_(?=[0-9]))*$/.test(text)) {
      const f = finiteFloat(plain);
      if (f !== undefined) return { type: 'float', value: f };
    }
  } else if (first !== undefined && /[-+0-9]/.test(first)) {
    if ((tag === '' || tag === TIMESTAMP) && isGoTimestamp(text)) return { type: 'str', value: text };
    const n = resolveNumber(text);
    if (n) return n;
  }
  return { type: 'str', value: text };
}

/**
 * What a scalar with an explicit tag decodes to: `!!str` keeps the text, `!!binary` is base64-decoded, the other
 * YAML types must match what the text resolves to (`!!float 1` is 1.0; `!!int abc` is an error), and any other tag
 * (`!custom`, `!!map`) leaves the text a string.
 */
export function resolveTagged(tag: string, text: string): GoScalar {
  if (tag === BINARY) return { type: 'str', value: decodeBase64(text) };
  if (![STR, INT, FLOAT, BOOL, NULL, TIMESTAMP].includes(tag) || tag === STR) return { type: 'str', value: text };
  const got = WORDS.get(text) ?? (/^[-+0-9.]/.test(text) ? resolveImplicit(text, tag) : ({ type: 'str', value: text } as GoScalar));
  if (tag === TIMESTAMP) {
    if (got.type === 'str' && isGoTimestamp(text)) return got;
  } else if (tagOf[got.type] === tag) {
    return got;
  } else if (tag === FLOAT && got.type === 'int') {
    // Only an int64 becomes a float; a uint64 (beyond int64) is an error, as in go-yaml.
    return { type: 'float', value: Number(got.value) };
  }
  throw new ScalarError(`cannot decode ${short(tagOf[got.type])} \`${text}\` as a ${short(tag)}`);
}

const short = (tag: string) => (tag.startsWith(YAML_TAG) ? `!!${tag.slice(YAML_TAG.length)}` : tag);

/** Go's base64.StdEncoding.DecodeString, which skips line breaks and insists on padding. */
function decodeBase64(text: string): string {
  const s = text.replace(/[\r\n]/g, '');
  if (!/^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/.test(s)) {
    throw new ScalarError('!!binary value contains invalid base64 data');
  }
  return goString(Buffer.from(s, 'base64'));
}

/** Bytes as a Go string printed to JSON: each byte that is not part of valid UTF-8 becomes U+FFFD. */
function goString(bytes: Uint8Array): string {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i];
    const width = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    try {
      if (width === 0 || i + width > bytes.length) throw new Error('invalid');
      out += decoder.decode(bytes.subarray(i, i + width));
      i += width;
    } catch {
      out += '\ufffd';
      i++;
    }
  }
  return out;
}
