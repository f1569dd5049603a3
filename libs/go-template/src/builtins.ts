/** Go text/template's predefined functions: and, or, not, len, index, slice, call, eq…ge, print*, html, js, urlquery. */
import { FuncError } from './errors';
import { formatValue, sprint, sprintf, sprintln } from './fmt';
import { coerceResult, goFunc, signatureOf, type FuncMap, type GoFunction } from './funcs';
import { isPrint } from './strconv';
import { decodeUtf8 } from './utf8';
import {
  GoComplex,
  GoInt,
  GoStruct,
  compareStrings,
  elemTypeOf,
  goKindOf,
  goTypeOf,
  intOf,
  isGoInt,
  isGoMap,
  isTrue,
  isUnsigned,
  kindOfType,
  utf8Length,
  withGoType,
  zeroValue,
  type GoValue,
} from './values';

const fail = (msg: string): never => {
  throw new FuncError(msg);
};
const strip = (v: GoValue): GoValue => (v === null ? undefined : v);

function indexArg(index: GoValue, cap: number): number {
  let x: bigint;
  if (isGoInt(index)) x = intOf(index);
  else if (index === undefined) return fail('cannot index slice/array with nil');
  else return fail(`cannot index slice/array with type ${goTypeOf(index)}`);
  if (x < 0n || x > BigInt(cap)) fail(`index out of range: ${x}`);
  return Number(x);
}

const utf8 = new TextEncoder();

function indexOne(item: GoValue, index: GoValue): GoValue {
  if (item === null) return fail('index of nil pointer');
  if (typeof item === 'string' || Array.isArray(item) || item instanceof Uint8Array) {
    const bytes = typeof item === 'string' ? utf8.encode(item) : undefined;
    const len = bytes ? bytes.length : (item as ArrayLike<unknown>).length;
    const x = indexArg(index, len);
    if (x >= len) fail(`reflect: ${typeof item === 'string' ? 'string' : 'slice'} index out of range`);
    if (bytes) return new GoInt(BigInt(bytes[x]), 'uint8');
    if (item instanceof Uint8Array) return new GoInt(BigInt(item[x]), 'uint8');
    return (item as GoValue[])[x];
  }
  if (isGoMap(item)) {
    const key = strip(index);
    if (key === undefined) fail('value is nil; should be of type string');
    if (typeof key !== 'string') fail(`value has type ${goTypeOf(key)}; should be string`);
    const k = key as string;
    if (Object.prototype.hasOwnProperty.call(item, k)) return item[k];
    return zeroValue(elemTypeOf(goTypeOf(item)!));
  }
  return fail(`can't index item of type ${goTypeOf(item)}`);
}

/** Go's `index`. */
function index(item: GoValue, ...indexes: GoValue[]): GoValue {
  let v = strip(item);
  if (v === undefined) fail('index of untyped nil');
  for (const i of indexes) v = indexOne(v, strip(i));
  return v;
}

/** Go's `slice`. */
function slice(item: GoValue, ...indexes: GoValue[]): GoValue {
  const v = strip(item);
  if (v === undefined) fail('slice of untyped nil');
  if (v === null) fail('slice of nil pointer');
  if (indexes.length > 3) fail(`too many slice indexes: ${indexes.length}`);
  let len: number;
  if (typeof v === 'string') {
    if (indexes.length === 3) fail('cannot 3-index slice a string');
    len = utf8Length(v);
  } else if (Array.isArray(v) || v instanceof Uint8Array) len = v.length;
  else return fail(`can't slice item of type ${goTypeOf(v)}`);
  const idx = [0, len, len];
  indexes.forEach((x, i) => (idx[i] = indexArg(strip(x), len)));
  if (idx[0] > idx[1]) fail(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length === 3 && idx[1] > idx[2]) fail(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  if (typeof v === 'string') return decodeUtf8(utf8.encode(v).slice(idx[0], idx[1]));
  const out = v.slice(idx[0], idx[1]);
  const t = goTypeOf(v)!;
  return Array.isArray(out) && t !== '[]interface {}' ? withGoType(out, t) : out;
}

/** Go's `len`. */
function length(item: GoValue): number {
  if (item === null) return fail('len of nil pointer');
  if (item === undefined) return fail('reflect: call of reflect.Value.Type on zero Value');
  if (typeof item === 'string') return utf8Length(item);
  if (Array.isArray(item) || item instanceof Uint8Array) return item.length;
  if (isGoMap(item)) return Object.keys(item).length;
  // len looks through a pointer first (Go's indirect), so it names the pointed-to type.
  return fail(`len of type ${goTypeOf(item)!.replace(/^\*/, '')}`);
}

type BasicKind = 'invalid' | 'bool' | 'int' | 'uint' | 'float' | 'string' | 'complex';

function basicKind(v: GoValue): BasicKind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float';
    case 'string':
      return 'string';
  }
  if (v instanceof GoInt) return isUnsigned(v) ? 'uint' : 'int';
  if (v instanceof GoComplex) return 'complex';
  return 'invalid';
}

const intVal = (v: GoValue): bigint => intOf(v as bigint | GoInt);
const comparable = (v: GoValue): boolean => {
  const k = goKindOf(v);
  return k !== 'slice' && k !== 'map' && k !== 'func';
};
const isNilValue = (v: GoValue): boolean => v === undefined || v === null;

/** Go's `eq`: arg1 == arg2 || arg1 == arg3 … with Go's basic-kind rules. */
function eq(arg1: GoValue, ...arg2: GoValue[]): boolean {
  const a = strip(arg1);
  if (arg2.length === 0) fail('missing argument for comparison');
  const k1 = basicKind(a);
  for (const raw of arg2) {
    const b = strip(raw);
    const k2 = basicKind(b);
    let truth = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') truth = intVal(a) >= 0n && intVal(a) === intVal(b);
      else if (k1 === 'uint' && k2 === 'int') truth = intVal(b) >= 0n && intVal(a) === intVal(b);
      else if (a !== undefined && b !== undefined) {
        fail(`incompatible types for comparison: ${goTypeOf(a)} and ${goTypeOf(b)}`);
      }
    } else if (k1 === 'int' || k1 === 'uint') truth = intVal(a) === intVal(b);
    else if (k1 === 'complex') truth = (a as GoComplex).real === (b as GoComplex).real && (a as GoComplex).imag === (b as GoComplex).imag;
    else if (k1 !== 'invalid') truth = a === b;
    else {
      const ka = goKindOf(a);
      const kb = goKindOf(b);
      if (ka !== kb && ka !== 'invalid' && kb !== 'invalid') {
        fail(`non-comparable types ${formatValue(a, 's', plainSpec, 0)}: ${goTypeOf(a)}, ${goTypeOf(b)}: ${formatValue(b, 'v', plainSpec, 0)}`);
      }
      if (isNilValue(a) || isNilValue(b)) truth = isNilValue(a) === isNilValue(b);
      else {
        if (!comparable(b)) fail(`non-comparable type ${formatValue(b, 's', plainSpec, 0)}: ${goTypeOf(b)}`);
        truth = a === b || (a instanceof GoStruct && b instanceof GoStruct && a.typeName === b.typeName && a.fields === b.fields);
      }
    }
    if (truth) return true;
  }
  return false;
}

const plainSpec = { plus: false, minus: false, sharp: false, space: false, zero: false };

/** Go's `lt`. */
function lt(arg1: GoValue, arg2: GoValue): boolean {
  const a = strip(arg1);
  const b = strip(arg2);
  const k1 = basicKind(a);
  if (k1 === 'invalid') fail('invalid type for comparison');
  const k2 = basicKind(b);
  if (k2 === 'invalid') fail('invalid type for comparison');
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return intVal(a) < 0n || intVal(a) < intVal(b);
    if (k1 === 'uint' && k2 === 'int') return intVal(b) >= 0n && intVal(a) < intVal(b);
    return fail(`incompatible types for comparison: ${goTypeOf(a)} and ${goTypeOf(b)}`);
  }
  switch (k1) {
    case 'bool':
    case 'complex':
      return fail('invalid type for comparison');
    case 'int':
    case 'uint':
      return intVal(a) < intVal(b);
    case 'string':
      return compareStrings(a as string, b as string) < 0;
    default:
      return (a as number) < (b as number);
  }
}

const le = (a: GoValue, b: GoValue): boolean => lt(a, b) || eq(a, b);

/** Arguments of html/js/urlquery rendered as Go's evalArgs does. */
function evalArgs(args: GoValue[]): string {
  if (args.length === 1 && typeof args[0] === 'string') return args[0];
  return sprint(args.map((a) => (a === null || a === undefined ? '<no value>' : a)));
}

/** text/template.HTMLEscapeString. */
export function htmlEscape(s: string): string {
  const map: Record<string, string> = { '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '&': '&amp;', '<': '&lt;', '>': '&gt;' };
  return s.replace(/[\0"'&<>]/g, (c) => map[c]);
}

/** text/template.JSEscapeString. */
export function jsEscape(s: string): string {
  let out = '';
  for (const ch of s) {
    const r = ch.codePointAt(0)!;
    const simple: Record<string, string> = { '\\': '\\\\', "'": "\\'", '"': '\\"', '<': '\\u003C', '>': '\\u003E', '&': '\\u0026', '=': '\\u003D' };
    if (simple[ch]) out += simple[ch];
    else if (r < 0x20) out += `\\u00${r.toString(16).toUpperCase().padStart(2, '0')}`;
    else if (r < 0x80 || isPrint(r)) out += ch;
    else out += `\\u${r.toString(16).toUpperCase().padStart(4, '0')}`;
  }
  return out;
}

/** net/url.QueryEscape. */
export function urlQueryEscape(s: string): string {
  let out = '';
  for (const b of utf8.encode(s)) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

function prepareArg(value: GoValue, type: string): GoValue {
  if (value === undefined || value === null) {
    if (['chan', 'func', 'interface', 'map', 'ptr', 'slice'].includes(kindOfType(type)) || type === 'reflect.Value') {
      return value === undefined && type === 'reflect.Value' ? undefined : null;
    }
    return fail(`value is nil; should be of type ${type}`);
  }
  const vt = goTypeOf(value)!;
  if (vt === type || kindOfType(type) === 'interface' || type === 'reflect.Value') return value;
  const intLike = (k: string): boolean => /^u?int/.test(k);
  if (intLike(kindOfType(vt)) && intLike(kindOfType(type))) return coerceResult(intOf(value as bigint | GoInt), type);
  return fail(`value has type ${vt}; should be ${type}`);
}

/** Go's `call`: calls a function value with arguments (the executor passes the callee's name first). */
export function callFunction(name: string, fnValue: GoValue, args: GoValue[]): GoValue {
  const fn = strip(fnValue);
  if (fn === undefined) fail('call of nil');
  if (typeof fn !== 'function') fail(`non-function ${name} of type ${goTypeOf(fn)}`);
  const sig = signatureOf(fn as GoFunction);
  const numIn = sig.params.length;
  if (sig.variadic) {
    if (args.length < numIn - 1) fail(`wrong number of args for ${name}: got ${args.length} want at least ${numIn - 1}`);
  } else if (args.length !== numIn) fail(`wrong number of args for ${name}: got ${args.length} want ${numIn}`);
  const argv = args.map((a, i) => {
    const t = !sig.variadic || i < numIn - 1 ? sig.params[i] : sig.params[numIn - 1];
    try {
      return prepareArg(strip(a), t);
    } catch (e) {
      return fail(`arg ${i}: ${(e as Error).message}`);
    }
  });
  return coerceResult((fn as (...x: GoValue[]) => unknown)(...argv), sig.result);
}

const unreachable = (): never => fail('unreachable');

/** The predefined functions with Go's signatures. `and`, `or` and `call` are evaluated by the executor. */
export const builtinFuncs: FuncMap = {
  and: goFunc('func(reflect.Value, ...reflect.Value) reflect.Value', unreachable),
  or: goFunc('func(reflect.Value, ...reflect.Value) reflect.Value', unreachable),
  call: goFunc('func(reflect.Value, ...reflect.Value) (reflect.Value, error)', unreachable),
  not: goFunc('func(reflect.Value) bool', (v: GoValue) => !isTrue(strip(v))),
  len: goFunc('func(reflect.Value) (int, error)', length),
  index: goFunc('func(reflect.Value, ...reflect.Value) (reflect.Value, error)', index),
  slice: goFunc('func(reflect.Value, ...reflect.Value) (reflect.Value, error)', slice),
  eq: goFunc('func(reflect.Value, ...reflect.Value) (bool, error)', eq),
  ne: goFunc('func(reflect.Value, reflect.Value) (bool, error)', (a: GoValue, b: GoValue) => !eq(a, b)),
  lt: goFunc('func(reflect.Value, reflect.Value) (bool, error)', lt),
  le: goFunc('func(reflect.Value, reflect.Value) (bool, error)', le),
  gt: goFunc('func(reflect.Value, reflect.Value) (bool, error)', (a: GoValue, b: GoValue) => !le(a, b)),
  ge: goFunc('func(reflect.Value, reflect.Value) (bool, error)', (a: GoValue, b: GoValue) => !lt(a, b)),
  html: goFunc('func(...interface {}) string', (...a: GoValue[]) => htmlEscape(evalArgs(a))),
  js: goFunc('func(...interface {}) string', (...a: GoValue[]) => jsEscape(evalArgs(a))),
  urlquery: goFunc('func(...interface {}) string', (...a: GoValue[]) => urlQueryEscape(evalArgs(a))),
  print: goFunc('func(...interface {}) string', (...a: GoValue[]) => sprint(a)),
  printf: goFunc('func(string, ...interface {}) string', (f: string, ...a: GoValue[]) => sprintf(f, a)),
  println: goFunc('func(...interface {}) string', (...a: GoValue[]) => sprintln(a)),
};

/** The names of text/template's builtin functions, which every template set has without a FuncMap. */
export const builtinFunctionNames = (): string[] => Object.keys(builtinFuncs).sort();
