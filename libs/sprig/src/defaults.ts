/** Sprig's default/empty/coalesce/ternary, JSON, type reflection and math functions. */
import { goFunc, goKindOf, goTypeOf, int64, type FuncMap, type GoValue } from '@fjord/go-template';
import { deepEqual, empty, strval, toFloat64, toInt64 } from './cast';
import { decimalFold } from './decimal';
import { marshalJson, unmarshalJson } from './json';

const typeOf = (v: GoValue): string => (v === null || v === undefined ? '<nil>' : goTypeOf(v)!);
const kindOf = (v: GoValue): string => {
  if (v === null || v === undefined) return 'invalid';
  const k = goKindOf(v);
  return k;
};

function round(a: GoValue, p: bigint, ...opt: number[]): number {
  const roundOn = opt.length ? opt[0] : 0.5;
  const pow = 10 ** Number(p);
  const digit = pow * toFloat64(a);
  const frac = digit - Math.trunc(digit);
  return (frac >= roundOn ? Math.ceil(digit) : Math.floor(digit)) / pow;
}

const i64 =
  (fn: (...a: GoValue[]) => bigint) =>
  (...a: GoValue[]) =>
    int64(fn(...a));

const checkedDiv = (a: bigint, b: bigint, what: string): bigint => {
  if (b === 0n) throw new Error(`runtime error: integer divide by zero`);
  void what;
  return BigInt.asIntN(64, what === 'mod' ? a % b : a / b);
};

/** The defaults, JSON, reflection and math functions by name. */
export const defaultFuncs: FuncMap = {
  default: goFunc('func(interface {}, ...interface {}) interface {}', (d: GoValue, ...given: GoValue[]) =>
    given.length === 0 || empty(given[0]) ? d : given[0],
  ),
  empty: goFunc('func(interface {}) bool', empty),
  coalesce: goFunc('func(...interface {}) interface {}', (...v: GoValue[]) => v.find((x) => !empty(x)) ?? null),
  all: goFunc('func(...interface {}) bool', (...v: GoValue[]) => v.every((x) => !empty(x))),
  any: goFunc('func(...interface {}) bool', (...v: GoValue[]) => v.some((x) => !empty(x))),
  ternary: goFunc('func(interface {}, interface {}, bool) interface {}', (t: GoValue, f: GoValue, c: boolean) => (c ? t : f)),
  fromJson: goFunc('func(string) interface {}', (s: string) => {
    try {
      return unmarshalJson(s);
    } catch {
      return null;
    }
  }),
  mustFromJson: goFunc('func(string) (interface {}, error)', unmarshalJson),
  toJson: goFunc('func(interface {}) string', (v: GoValue) => {
    try {
      return marshalJson(v, { escapeHTML: true });
    } catch {
      return '';
    }
  }),
  mustToJson: goFunc('func(interface {}) (string, error)', (v: GoValue) => marshalJson(v, { escapeHTML: true })),
  toPrettyJson: goFunc('func(interface {}) string', (v: GoValue) => {
    try {
      return marshalJson(v, { escapeHTML: true, indent: '  ' });
    } catch {
      return '';
    }
  }),
  mustToPrettyJson: goFunc('func(interface {}) (string, error)', (v: GoValue) => marshalJson(v, { escapeHTML: true, indent: '  ' })),
  toRawJson: goFunc('func(interface {}) string', (v: GoValue) => marshalJson(v, { escapeHTML: false })),
  mustToRawJson: goFunc('func(interface {}) (string, error)', (v: GoValue) => marshalJson(v, { escapeHTML: false })),
  typeOf: goFunc('func(interface {}) string', typeOf),
  typeIs: goFunc('func(string, interface {}) bool', (t: string, v: GoValue) => t === typeOf(v)),
  typeIsLike: goFunc('func(string, interface {}) bool', (t: string, v: GoValue) => t === typeOf(v) || `*${t}` === typeOf(v)),
  kindOf: goFunc('func(interface {}) string', kindOf),
  kindIs: goFunc('func(string, interface {}) bool', (t: string, v: GoValue) => t === kindOf(v)),
  deepEqual: goFunc('func(interface {}, interface {}) bool', deepEqual),
  // math
  atoi: goFunc('func(string) int', (s: string) => {
    const m = /^[+-]?\d+$/.test(s) ? BigInt(s) : 0n;
    return m >= -(2n ** 63n) && m < 2n ** 63n ? m : 0n;
  }),
  int64: goFunc('func(interface {}) int64', (v: GoValue) => int64(toInt64(v))),
  int: goFunc('func(interface {}) int', toInt64),
  float64: goFunc('func(interface {}) float64', toFloat64),
  toDecimal: goFunc('func(interface {}) int64', (v: GoValue) => {
    const m = /^([+-]?)([0-7]+)$/.exec(strval(v));
    const n = m ? BigInt('0o' + m[2]) * (m[1] === '-' ? -1n : 1n) : 0n;
    return int64(n >= -(2n ** 63n) && n < 2n ** 63n ? n : 0n);
  }),
  add1: goFunc(
    'func(interface {}) int64',
    i64((v) => BigInt.asIntN(64, toInt64(v) + 1n)),
  ),
  add: goFunc(
    'func(...interface {}) int64',
    i64((...v) => v.reduce<bigint>((a, b) => BigInt.asIntN(64, a + toInt64(b)), 0n)),
  ),
  sub: goFunc(
    'func(interface {}, interface {}) int64',
    i64((a, b) => BigInt.asIntN(64, toInt64(a) - toInt64(b))),
  ),
  div: goFunc(
    'func(interface {}, interface {}) int64',
    i64((a, b) => checkedDiv(toInt64(a), toInt64(b), 'div')),
  ),
  mod: goFunc(
    'func(interface {}, interface {}) int64',
    i64((a, b) => checkedDiv(toInt64(a), toInt64(b), 'mod')),
  ),
  mul: goFunc(
    'func(interface {}, ...interface {}) int64',
    i64((a, ...v) => v.reduce<bigint>((x, b) => BigInt.asIntN(64, x * toInt64(b)), toInt64(a))),
  ),
  max: goFunc(
    'func(interface {}, ...interface {}) int64',
    i64((a, ...v) => v.map(toInt64).reduce((x, y) => (y > x ? y : x), toInt64(a))),
  ),
  biggest: goFunc(
    'func(interface {}, ...interface {}) int64',
    i64((a, ...v) => v.map(toInt64).reduce((x, y) => (y > x ? y : x), toInt64(a))),
  ),
  min: goFunc(
    'func(interface {}, ...interface {}) int64',
    i64((a, ...v) => v.map(toInt64).reduce((x, y) => (y < x ? y : x), toInt64(a))),
  ),
  maxf: goFunc('func(interface {}, ...interface {}) float64', (a: GoValue, ...v: GoValue[]) => Math.max(toFloat64(a), ...v.map(toFloat64))),
  minf: goFunc('func(interface {}, ...interface {}) float64', (a: GoValue, ...v: GoValue[]) => Math.min(toFloat64(a), ...v.map(toFloat64))),
  add1f: goFunc('func(interface {}) float64', (v: GoValue) => decimalFold('add', [toFloat64(v), 1])),
  addf: goFunc('func(...interface {}) float64', (...v: GoValue[]) => decimalFold('add', [0, ...v.map(toFloat64)])),
  subf: goFunc('func(interface {}, ...interface {}) float64', (a: GoValue, ...v: GoValue[]) => decimalFold('sub', [a, ...v].map(toFloat64))),
  mulf: goFunc('func(interface {}, ...interface {}) float64', (a: GoValue, ...v: GoValue[]) => decimalFold('mul', [a, ...v].map(toFloat64))),
  divf: goFunc('func(interface {}, ...interface {}) float64', (a: GoValue, ...v: GoValue[]) => decimalFold('div', [a, ...v].map(toFloat64))),
  floor: goFunc('func(interface {}) float64', (v: GoValue) => Math.floor(toFloat64(v))),
  ceil: goFunc('func(interface {}) float64', (v: GoValue) => Math.ceil(toFloat64(v))),
  round: goFunc('func(interface {}, int, ...float64) float64', round),
  randInt: goFunc('func(int, int) int', (min: bigint, max: bigint) => {
    if (max - min <= 0n) throw new Error('invalid argument to Intn');
    return min + BigInt(Math.floor(Math.random() * Number(max - min)));
  }),
};
