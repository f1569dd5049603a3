/**
 * The Go value model. Templates operate on plain JavaScript data, read with Go's kinds:
 *
 * | Go                         | JavaScript                                      |
 * |----------------------------|-------------------------------------------------|
 * | invalid reflect.Value      | `undefined` (a missing map key: prints `<no value>`) |
 * | nil interface              | `null`                                          |
 * | string, bool               | string, boolean                                 |
 * | int                        | bigint                                          |
 * | int64, int32, uint8, …     | {@link GoInt} (a bigint with its Go type)       |
 * | float64                    | number (so YAML/JSON numbers are float64, as in Helm) |
 * | complex128                 | {@link GoComplex} (imaginary literals)          |
 * | []interface{} / []T        | arrays (element type via {@link withGoType})    |
 * | map[string]interface{}     | plain objects, iterated in sorted key order     |
 * | []byte                     | Uint8Array                                      |
 * | structs / pointers         | {@link GoStruct}                                |
 * | func                       | JavaScript functions (see funcs.ts)             |
 */

/** Any value a template can see. */
export type GoValue = unknown;

/** A plain object read as a Go map with string keys. */
export type GoMap = Record<string, GoValue>;

/** Go's reflect kinds, as far as templates can tell them apart. */
export type GoKind =
  | 'invalid'
  | 'bool'
  | 'int'
  | 'int8'
  | 'int16'
  | 'int32'
  | 'int64'
  | 'uint'
  | 'uint8'
  | 'uint16'
  | 'uint32'
  | 'uint64'
  | 'uintptr'
  | 'float32'
  | 'float64'
  | 'complex128'
  | 'string'
  | 'slice'
  | 'array'
  | 'map'
  | 'struct'
  | 'ptr'
  | 'func'
  | 'interface'
  | 'chan';

/** Go's signed integer types other than `int` (which is a plain bigint). */
const SIGNED_INT_TYPES = ['int8', 'int16', 'int32', 'int64'] as const;

/** Go's unsigned integer types. */
const UNSIGNED_INT_TYPES = ['uint', 'uint8', 'uint16', 'uint32', 'uint64', 'uintptr'] as const;

/** Go integer types other than `int` (which is a plain bigint). */
export type IntType = (typeof SIGNED_INT_TYPES)[number] | (typeof UNSIGNED_INT_TYPES)[number];

const intTypes: ReadonlySet<string> = new Set<IntType>([...SIGNED_INT_TYPES, ...UNSIGNED_INT_TYPES]);
const unsignedIntTypes: ReadonlySet<string> = new Set<IntType>(UNSIGNED_INT_TYPES);

/** Whether a type name or kind is one of Go's integer types other than `int` (those a {@link GoInt} carries). */
export function isIntType(typeName: string): typeName is IntType {
  return intTypes.has(typeName);
}

/** Whether a type name or kind is one of Go's unsigned integer types. */
export function isUnsignedIntType(typeName: string): boolean {
  return unsignedIntTypes.has(typeName);
}

/** The type names that are their own kind: Go's predeclared scalar types that templates meet. */
const scalarTypes: ReadonlySet<string> = new Set<GoKind>([
  'bool',
  'string',
  'int',
  ...SIGNED_INT_TYPES,
  ...UNSIGNED_INT_TYPES,
  'float32',
  'float64',
  'complex128',
]);

/** A Go integer of a type other than `int`, e.g. the int64 that Sprig's math returns or a rune literal (int32). */
export class GoInt {
  constructor(
    readonly value: bigint,
    readonly type: IntType,
  ) {}
  /** Prints like Go's %v. */
  toString(): string {
    return this.value.toString();
  }
}

/** A Go complex128: what an imaginary literal (`1i`, `2.5i`) is in a template. */
export class GoComplex {
  constructor(
    readonly real: number,
    readonly imag: number,
  ) {}
}

/** Makes a Go int64 value. */
export const int64 = (n: bigint | number): GoInt => new GoInt(BigInt(n), 'int64');

/** A Go struct (or pointer to struct) with exported fields and methods, e.g. Helm's `.Capabilities`. */
export class GoStruct {
  constructor(
    /** Go type name as %T prints it, e.g. `*chart.Metadata`. */
    readonly typeName: string,
    /** Exported fields by name. */
    readonly fields: Record<string, GoValue>,
    /** Methods by name: functions built with goFunc (or plain functions taking ...interface{}). */
    readonly methods: Record<string, GoValue> = {},
    /** Optional String() method used when printing (a fmt.Stringer). */
    readonly stringer?: () => string,
  ) {}
}

const TYPE = Symbol.for('fjord.goType');
const METHODS = Symbol.for('fjord.goMethods');

/** Tags an array or object with a Go type name such as `[]string` or `map[string]string`; returns it. */
export function withGoType<T extends object>(value: T, typeName: string): T {
  Object.defineProperty(value, TYPE, { value: typeName, enumerable: false, configurable: true, writable: true });
  return value;
}

/** Attaches Go methods (e.g. Helm's `.Files.Get`, `.Capabilities.APIVersions.Has`) to an array or map; returns it. */
export function withGoMethods<T extends object>(value: T, methods: Record<string, GoValue>): T {
  Object.defineProperty(value, METHODS, { value: methods, enumerable: false, configurable: true, writable: true });
  return value;
}

/** The Go methods attached to a value, if any. */
export function goMethods(value: GoValue): Record<string, GoValue> | undefined {
  if (value instanceof GoStruct) return value.methods;
  if (value !== null && typeof value === 'object') return (value as Record<symbol, Record<string, GoValue>>)[METHODS];
  return undefined;
}

/** True for a plain object read as a Go map. */
export function isGoMap(value: GoValue): value is GoMap {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  // Any realm's Object.prototype (Jest and vm contexts have their own), or a null-prototype object.
  return proto === null || (Object.getPrototypeOf(proto) === null && !(value instanceof GoStruct));
}

/** True for a Go integer of any type (bigint or GoInt). */
export function isGoInt(value: GoValue): value is bigint | GoInt {
  return typeof value === 'bigint' || value instanceof GoInt;
}

/** The integer inside a bigint or GoInt. */
export function intOf(value: bigint | GoInt): bigint {
  return typeof value === 'bigint' ? value : value.value;
}

/** True for unsigned integer types. */
export function isUnsigned(value: GoValue): boolean {
  return value instanceof GoInt && value.type.startsWith('u');
}

/** The Go type name of a value as %T prints it; `undefined` for an invalid value or nil. */
export function goTypeOf(value: GoValue): string | undefined {
  switch (typeof value) {
    case 'undefined':
      return undefined;
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int';
    case 'number':
      return 'float64';
    case 'function':
      return funcTypeName(value);
  }
  if (value === null) return undefined;
  if (value instanceof GoInt) return value.type;
  if (value instanceof GoComplex) return 'complex128';
  if (value instanceof GoStruct) return value.typeName;
  if (value instanceof Uint8Array) return '[]uint8';
  const tagged = (value as Record<symbol, string>)[TYPE];
  if (tagged) return tagged;
  if (Array.isArray(value)) return '[]interface {}';
  if (value instanceof Date) return 'time.Time';
  return 'map[string]interface {}';
}

const SIG = Symbol.for('fjord.goSignature');

function funcTypeName(fn: unknown): string {
  const sig = (fn as Record<symbol, { text?: string }>)[SIG];
  return sig?.text ?? 'func(...interface {}) interface {}';
}

/** The kind of a Go type name. */
export function kindOfType(typeName: string): GoKind {
  if (typeName.startsWith('[]')) return 'slice';
  if (typeName.startsWith('map[')) return 'map';
  if (typeName.startsWith('*')) return 'ptr';
  if (typeName.startsWith('func')) return 'func';
  if (typeName.startsWith('interface') || typeName === 'error') return 'interface';
  if (typeName.startsWith('[')) return 'array';
  if (typeName.startsWith('chan ')) return 'chan';
  return scalarTypes.has(typeName) ? (typeName as GoKind) : 'struct';
}

/** The reflect kind of a value (`invalid` for undefined, `interface` for a nil interface). */
export function goKindOf(value: GoValue): GoKind {
  if (value === undefined) return 'invalid';
  if (value === null) return 'interface';
  if (value instanceof GoStruct) return value.typeName.startsWith('*') ? 'ptr' : 'struct';
  return kindOfType(goTypeOf(value)!);
}

/** The element type of a slice or map type name (`[]string` → `string`). */
export function elemTypeOf(typeName: string): string {
  if (typeName.startsWith('[]')) return typeName.slice(2);
  if (typeName.startsWith('map[')) {
    let depth = 0;
    for (let i = 3; i < typeName.length; i++) {
      if (typeName[i] === '[') depth++;
      else if (typeName[i] === ']' && --depth === 0) return typeName.slice(i + 1);
    }
  }
  return 'interface {}';
}

/** The zero value of a Go type name (nil for reference kinds). */
export function zeroValue(typeName: string): GoValue {
  if (isIntType(typeName)) return new GoInt(0n, typeName);
  switch (kindOfType(typeName)) {
    case 'string':
      return '';
    case 'bool':
      return false;
    case 'int':
      return 0n;
    case 'float64':
    case 'float32':
      return 0;
    default:
      return null;
  }
}

/** The length of a string (in bytes, as Go counts), slice or map; undefined for other kinds. */
export function goLen(value: GoValue): number | undefined {
  if (typeof value === 'string') return utf8Length(value);
  if (Array.isArray(value)) return value.length;
  if (value instanceof Uint8Array) return value.length;
  if (isGoMap(value)) return Object.keys(value).length;
  return undefined;
}

/** The number of UTF-8 bytes of a string. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Go's truth: false, 0, nil, and empty strings, slices and maps are false; structs are true. */
export function isTrue(value: GoValue): boolean {
  if (value === undefined || value === null) return false;
  switch (typeof value) {
    case 'boolean':
      return value;
    case 'string':
      return value.length > 0;
    case 'bigint':
      return value !== 0n;
    case 'number':
      return value !== 0;
    case 'function':
      return true;
  }
  if (value instanceof GoInt) return value.value !== 0n;
  if (value instanceof GoComplex) return value.real !== 0 || value.imag !== 0;
  if (value instanceof GoStruct) return true;
  const n = goLen(value);
  return n === undefined ? true : n > 0;
}

/** Map keys in Go's sorted order (fmt and range sort string keys bytewise). */
export function sortedKeys(map: GoMap): string[] {
  return Object.keys(map).sort(compareStrings);
}

/** Compares strings by their UTF-8 bytes, as Go does. */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i++;
  }
  return a.length < b.length ? -1 : 1;
}
