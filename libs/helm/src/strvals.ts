/**
 * Helm's `--set` syntax (pkg/strvals): `a.b=c,d[0].e=f`, lists `{x,y}`, `\` escapes, typed scalars.
 *
 * The parser follows Helm's control flow closely because its quirks are visible to users: reaching the end of the
 * input is not an error (so `a[0` or `a.` set nothing and succeed), some values are stored before an error is
 * returned, a type clash is reported as Go's failed type assertion, and lists behave as Go slices (growing one
 * makes a new list, while writing inside it changes it in place).
 */
import { GoInt, int64, quote, sprintf, withGoType } from '@fjord/go-template';
import { hasKey, setKey } from './own-keys';
import type { Values } from './values-file';
import { isPlainMap } from './yaml-read';

/** How a `--set` family flag turns a raw value into a Go value. */
export type SetValueReader = (raw: string) => unknown;

const MAX_INDEX = 65536n;
const MAX_NESTED = 30;

/** A parse error; `eof` when it is (or wraps) io.EOF, which ends parsing without failing it. */
class ParseError extends Error {
  constructor(
    message: string,
    readonly eof = false,
  ) {
    super(message);
  }
}

const eof = () => new ParseError('EOF', true);

/** Wraps an error as Go's `fmt.Errorf("…: %w", err)` does: EOF stays EOF underneath. */
function wrap(prefix: string, e: unknown): unknown {
  return e instanceof ParseError ? new ParseError(`${prefix}${e.message}`, e.eof) : e;
}

class NotList extends Error {}

/** Go's type names for a failed type assertion (`interface {} is float64, not []interface {}`). */
function goTypeName(v: unknown): string {
  if (v === null) return 'nil';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return 'float64';
  if (v instanceof GoInt) return v.type;
  if (Array.isArray(v)) return '[]interface {}';
  if (isPlainMap(v)) return 'map[string]interface {}';
  return typeof v;
}

/** The panic of a failed `.([]any)` / `.(map[string]any)`, recovered by helm as `unable to parse key: …`. */
function conversionError(v: unknown, want: 'list' | 'map'): ParseError {
  const target = want === 'list' ? '[]interface {}' : 'map[string]interface {}';
  return new ParseError(`unable to parse key: interface conversion: interface {} is ${goTypeName(v)}, not ${target}`);
}

/** strings.EqualFold against an ASCII word: besides case, `ſ` (U+017F) folds to `s`. */
const equalFold = (val: string, word: string): boolean => val.replace(/\u017f/g, 's').toLowerCase() === word;

/** Turns `true`/`false`/`null`/integers into Go values, as `--set` does (integers become int64; floats stay strings). */
export function typedSetValue(val: string): unknown {
  if (equalFold(val, 'true')) return true;
  if (equalFold(val, 'false')) return false;
  if (equalFold(val, 'null')) return null;
  if (val === '0') return int64(0);
  if (val !== '' && val[0] !== '0' && /^[-+]?\d+$/.test(val)) {
    const n = BigInt(val);
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return int64(n);
  }
  return val;
}

/** strconv.Atoi: optional sign, ASCII digits, within int64. */
function atoi(s: string): bigint {
  if (!/^[-+]?\d+$/.test(s)) throw new ParseError(`strconv.Atoi: parsing ${quote(s)}: invalid syntax`);
  const n = BigInt(s);
  if (n < -(2n ** 63n) || n >= 2n ** 63n) throw new ParseError(`strconv.Atoi: parsing ${quote(s)}: value out of range`);
  return n;
}

/** Go's `%q` of a []rune, as helm prints the stray text after an index: `['x' 'y']`. */
function quoteRunes(s: string): string {
  return sprintf('%q', [
    withGoType(
      [...s].map((c) => new GoInt(BigInt(c.codePointAt(0) ?? 0), 'int32')),
      '[]int32',
    ),
  ]);
}

class Scanner {
  private pos = 0;
  private readonly runes: string[];
  constructor(text: string) {
    this.runes = [...text];
  }
  read(): string | undefined {
    return this.pos < this.runes.length ? this.runes[this.pos++] : undefined;
  }
  unread(): void {
    this.pos--;
  }
  /**
   * Runes up to one of `stop` (consumed) and the stop rune, honouring `\` escapes. At the end of the input the stop
   * rune is undefined and the runes are those read before it (Go returns both, with io.EOF).
   */
  until(stop: string): [string, string | undefined] {
    let v = '';
    for (;;) {
      const r = this.read();
      if (r === undefined) return [v, undefined];
      if (stop.includes(r)) return [v, r];
      if (r === '\\') {
        const next = this.read();
        if (next === undefined) return [v, undefined];
        v += next;
      } else v += r;
    }
  }
}

/** `data[key] = val`, except that an empty key sets nothing. */
function set(data: Values, key: string, val: unknown): void {
  if (key !== '') setKey(data, key, val);
}

/** Writes `list[index]`: in place when the list is long enough, else into a longer copy (a Go slice growing). */
function setIndex(list: unknown[], index: bigint, val: unknown): unknown[] {
  if (index < 0n) throw new ParseError(`negative ${index} index not allowed`);
  if (index > MAX_INDEX) throw new ParseError(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`);
  const i = Number(index);
  const out = list.length > i ? list : [...list, ...new Array<null>(i + 1 - list.length).fill(null)];
  out[i] = val;
  return out;
}

class SetParser {
  constructor(
    private readonly sc: Scanner,
    private readonly reader: SetValueReader,
  ) {}

  /** Parses every `key=value` into `data`; the end of the input (even inside a key) ends it quietly. */
  parse(data: Values): void {
    for (;;) {
      try {
        this.key(data, 0);
      } catch (e) {
        if (e instanceof ParseError && e.eof) return;
        throw e;
      }
    }
  }

  private key(data: Values, level: number): void {
    const [k, last] = this.sc.until('=[,.');
    if (last === undefined) {
      if (k === '') throw eof();
      throw new ParseError(`key ${quote(k)} has no value`);
    }
    switch (last) {
      case '[':
        return this.keyList(data, k, level);
      case '=':
        return this.assign(data, k);
      case ',':
        set(data, k, '');
        throw new ParseError(`key ${quote(k)} has no value (cannot end with ,)`);
      default:
        return this.keyMap(data, k, level);
    }
  }

  /** `k[i]…`: the list at `k` (or a new one), stored back even when what follows fails. */
  private keyList(data: Values, k: string, level: number): void {
    let i: bigint;
    try {
      i = this.index();
    } catch (e) {
      throw wrap('error parsing index: ', e);
    }
    const existing = hasKey(data, k) ? data[k] : [];
    if (!Array.isArray(existing)) throw conversionError(existing, 'list');
    let list: unknown[];
    try {
      list = this.listItem(existing, i, level);
    } catch (e) {
      set(data, k, existing);
      throw e;
    }
    set(data, k, list);
  }

  /** `k.…`: the map at `k` (or a new one), stored only when something was set in it. */
  private keyMap(data: Values, k: string, level: number): void {
    level++;
    if (level > MAX_NESTED) throw new ParseError(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED}`);
    const existing = hasKey(data, k) ? data[k] : {};
    if (!isPlainMap(existing)) throw conversionError(existing, 'map');
    let err: unknown;
    try {
      this.key(existing, level);
    } catch (e) {
      err = e;
    }
    const empty = Object.keys(existing).length === 0;
    if (err === undefined && empty) throw new ParseError(`key map ${quote(k)} has no value`);
    if (!empty) set(data, k, existing);
    if (err !== undefined) throw err;
  }

  private assign(data: Values, k: string): void {
    let list: unknown[];
    try {
      list = this.valList();
    } catch (e) {
      if (e instanceof ParseError && e.eof) {
        set(data, k, '');
        throw e;
      }
      if (!(e instanceof NotList)) throw e;
      set(data, k, this.reader(this.scalar()));
      return;
    }
    set(data, k, list);
  }

  /** A value that is not a list: up to the next comma, or all that is left at the end of the input. */
  private scalar(): string {
    return this.sc.until(',')[0];
  }

  private index(): bigint {
    const [v, last] = this.sc.until(']');
    if (last === undefined) throw eof();
    return atoi(v);
  }

  /** What follows `[i]`: `=value`, another `[j]`, or `.key`. Returns the list with the item set (see setIndex). */
  private listItem(list: unknown[], i: bigint, level: number): unknown[] {
    if (i < 0n) throw new ParseError(`negative ${i} index not allowed`);
    const [k, last] = this.sc.until('[.=');
    if (last === undefined) {
      if (k) throw new ParseError(`unexpected data at end of array index: ${quoteRunes(k)}`);
      throw eof();
    }
    if (k.length > 0) throw new ParseError(`unexpected data at end of array index: ${quoteRunes(k)}`);
    if (last === '=') {
      let vl: unknown[];
      try {
        vl = this.valList();
      } catch (e) {
        if (e instanceof ParseError && e.eof) return setIndex(list, i, '');
        if (!(e instanceof NotList)) throw e;
        return setIndex(list, i, this.reader(this.scalar()));
      }
      return setIndex(list, i, vl);
    }
    const n = Number(i);
    if (last === '[') {
      let next: bigint;
      try {
        next = this.index();
      } catch (e) {
        throw wrap('error parsing index: ', e);
      }
      const existed = list.length > n ? list[n] : null;
      if (existed !== null && !Array.isArray(existed)) throw conversionError(existed, 'list');
      return setIndex(list, i, this.listItem(existed ?? [], next, level));
    }
    let inner: Values = {};
    if (list.length > n) {
      if (isPlainMap(list[n])) inner = list[n] as Values;
      else list[n] = inner;
    }
    this.key(inner, level);
    return setIndex(list, i, inner);
  }

  /** `{a,b}` as a list; throws NotList (nothing consumed) when the value does not start with `{`. */
  private valList(): unknown[] {
    const r = this.sc.read();
    if (r === undefined) throw eof();
    if (r !== '{') {
      this.sc.unread();
      throw new NotList();
    }
    const list: unknown[] = [];
    for (;;) {
      const [rs, last] = this.sc.until(',}');
      if (last === undefined) throw new ParseError("list must terminate with '}'");
      if (last === '}') {
        const next = this.sc.read();
        if (next !== undefined && next !== ',') this.sc.unread();
        list.push(this.reader(rs));
        return list;
      }
      list.push(this.reader(rs));
    }
  }
}

/** Parses one `--set` expression into `dest` (strvals.ParseInto); with `reader` for --set-string/--set-file. */
export function parseSetInto(expr: string, dest: Values, reader: SetValueReader = typedSetValue): void {
  new SetParser(new Scanner(expr), reader).parse(dest);
}

/** Parses `--set` expressions (e.g. `a.b=c,list[0].x=1`) into a values map, as `helm --set` does. */
export function parseSetValues(expr: string, options: { forceString?: boolean } = {}): Values {
  const out: Values = {};
  parseSetInto(expr, out, options.forceString ? (s) => s : typedSetValue);
  return out;
}
