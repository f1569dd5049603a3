/** Helm's `--set` syntax (pkg/strvals): `a.b=c,d[0].e=f`, lists `{x,y}`, `\` escapes, typed scalars. */
import { int64 } from '@fjord/go-template';
import type { Values } from './values-file';
import { isPlainMap } from './yaml-read';

/** How a `--set` family flag turns a raw value into a Go value. */
export type SetValueReader = (raw: string) => unknown;

const MAX_INDEX = 65536;
const MAX_NESTED = 30;

class EOF extends Error {}
class NotList extends Error {}

/** Turns `true`/`false`/`null`/integers into Go values, as `--set` does (integers become int64; floats stay strings). */
export function typedSetValue(val: string): unknown {
  const lower = val.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  if (lower === 'null') return null;
  if (val === '0') return int64(0);
  if (val !== '' && val[0] !== '0' && /^[-+]?\d+$/.test(val)) {
    const n = BigInt(val);
    if (n >= -(2n ** 63n) && n < 2n ** 63n) return int64(n);
  }
  return val;
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
  /** Runes up to one of `stop` (consumed), honouring `\` escapes; throws EOF (with what was read) at the end. */
  until(stop: string): [string, string] {
    let v = '';
    for (;;) {
      const r = this.read();
      if (r === undefined) throw Object.assign(new EOF(), { partial: v });
      if (stop.includes(r)) return [v, r];
      if (r === '\\') {
        const next = this.read();
        if (next === undefined) throw Object.assign(new EOF(), { partial: v });
        v += next;
      } else v += r;
    }
  }
}

const partialOf = (e: unknown): string => (e as { partial?: string }).partial ?? '';

class SetParser {
  constructor(
    private readonly sc: Scanner,
    private readonly reader: SetValueReader,
  ) {}

  parse(data: Values): void {
    for (;;) {
      try {
        this.key(data, 0);
      } catch (e) {
        if (e instanceof EOF) return;
        throw e;
      }
    }
  }

  private key(data: Values, level: number): void {
    let k: string;
    let last: string;
    try {
      [k, last] = this.sc.until('=[,.');
    } catch (e) {
      if (e instanceof EOF && partialOf(e) === '') throw e;
      if (e instanceof EOF) throw new Error(`key "${partialOf(e)}" has no value`);
      throw e;
    }
    if (last === '[') {
      const i = this.index();
      const existing = data[k];
      if (existing !== undefined && !Array.isArray(existing))
        throw new Error(`unable to parse key: interface conversion: interface {} is ${goTypeName(existing)}, not []interface {}`);
      const list = existing === undefined ? [] : (existing as unknown[]);
      setKey(data, k, this.listItem(list, i, level));
      return;
    }
    if (last === '=') return this.assign(data, k);
    if (last === ',') {
      setKey(data, k, '');
      throw new Error(`key "${k}" has no value (cannot end with ,)`);
    }
    level++;
    if (level > MAX_NESTED) throw new Error(`value name nested level is greater than maximum supported nested level of ${MAX_NESTED}`);
    const existing = data[k];
    if (existing !== undefined && !isPlainMap(existing))
      throw new Error(`unable to parse key: interface conversion: interface {} is ${goTypeName(existing)}, not map[string]interface {}`);
    const inner: Values = (existing as Values | undefined) ?? {};
    let err: unknown;
    try {
      this.key(inner, level);
    } catch (e) {
      err = e;
    }
    if (err === undefined && Object.keys(inner).length === 0) throw new Error(`key map "${k}" has no value`);
    if (Object.keys(inner).length) setKey(data, k, inner);
    if (err !== undefined) throw err;
  }

  private assign(data: Values, k: string): void {
    let list: unknown[];
    try {
      list = this.valList();
    } catch (e) {
      if (e instanceof EOF) {
        setKey(data, k, '');
        throw e;
      }
      if (!(e instanceof NotList)) throw e;
      setKey(data, k, this.reader(this.scalar()));
      return;
    }
    setKey(data, k, list);
  }

  /** A value that is not a list: up to the next comma, or all that is left at the end of the input. */
  private scalar(): string {
    try {
      return this.sc.until(',')[0];
    } catch (e) {
      if (!(e instanceof EOF)) throw e;
      return partialOf(e);
    }
  }

  private index(): number {
    let v: string;
    try {
      [v] = this.sc.until(']');
    } catch (e) {
      if (e instanceof EOF) throw new Error('error parsing index: EOF');
      throw e;
    }
    if (!/^[-+]?\d+$/.test(v)) throw new Error(`error parsing index: strconv.Atoi: parsing "${v}": invalid syntax`);
    return Number(v);
  }

  private listItem(list: unknown[], i: number, level: number): unknown[] {
    if (i < 0) throw new Error(`negative ${i} index not allowed`);
    let k: string;
    let last: string;
    try {
      [k, last] = this.sc.until('[.=');
    } catch (e) {
      if (e instanceof EOF && partialOf(e)) throw new Error(`unexpected data at end of array index: "${partialOf(e)}"`);
      throw e;
    }
    if (k.length > 0) throw new Error(`unexpected data at end of array index: "${k}"`);
    if (last === '=') {
      let vl: unknown[];
      try {
        vl = this.valList();
      } catch (e) {
        if (e instanceof EOF) return setIndex(list, i, '');
        if (!(e instanceof NotList)) throw e;
        return setIndex(list, i, this.reader(this.scalar()));
      }
      return setIndex(list, i, vl);
    }
    if (last === '[') {
      const next = this.index();
      const existed = list[i];
      if (existed !== undefined && existed !== null && !Array.isArray(existed)) throw new Error(`error processing index ${i}: not a list`);
      const inner = this.listItem(existed ? [...(existed as unknown[])] : [], next, level);
      return setIndex(list, i, inner);
    }
    let inner: Values = {};
    if (list.length > i) {
      if (isPlainMap(list[i])) inner = list[i] as Values;
      else list[i] = inner;
    }
    this.key(inner, level);
    return setIndex(list, i, inner);
  }

  private valList(): unknown[] {
    const r = this.sc.read();
    if (r === undefined) throw new EOF();
    if (r !== '{') {
      this.sc.unread();
      throw new NotList();
    }
    const list: unknown[] = [];
    for (;;) {
      let rs: string;
      let last: string;
      try {
        [rs, last] = this.sc.until(',}');
      } catch (e) {
        if (e instanceof EOF) throw new Error("list must terminate with '}'");
        throw e;
      }
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

function setKey(data: Values, key: string, val: unknown): void {
  if (key !== '') data[key] = val;
}

function setIndex(list: unknown[], index: number, val: unknown): unknown[] {
  if (index < 0) throw new Error(`negative ${index} index not allowed`);
  if (index > MAX_INDEX) throw new Error(`index of ${index} is greater than maximum supported index of ${MAX_INDEX}`);
  while (list.length <= index) list.push(null);
  list[index] = val;
  return list;
}

function goTypeName(v: unknown): string {
  if (typeof v === 'string') return 'string';
  if (typeof v === 'boolean') return 'bool';
  if (Array.isArray(v)) return '[]interface {}';
  if (isPlainMap(v)) return 'map[string]interface {}';
  return 'int64';
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
