/** Sprig's list functions (and their must* variants, which return the error instead of panicking). */
import { goFunc, goKindOf, goTypeOf, withGoType, type FuncMap, type GoValue } from '@fjord/go-template';
import { asList, deepEqual, empty, toInt64 } from './cast';

const kindName = (v: GoValue): string => (v === undefined || v === null ? 'invalid' : goKindOf(v));

/** Requires a slice; otherwise raises Sprig's "Cannot … on type KIND" error. */
function listOf(v: GoValue, what: string): GoValue[] {
  if (v === undefined || v === null) {
    throw new Error('runtime error: invalid memory address or nil pointer dereference');
  }
  const l = asList(v);
  if (!l) throw new Error(`${what} ${kindName(v)}`);
  return l;
}

const inList = (haystack: GoValue[], needle: GoValue): boolean => haystack.some((h) => deepEqual(needle, h));

/** Builds the plain and must* variants of a list function from one implementation. */
function both(name: string, signature: string, mustSignature: string, fn: (...a: never[]) => unknown): FuncMap {
  const must = name[0].toUpperCase() + name.slice(1);
  return { [name]: goFunc(signature, fn), [`must${must}`]: goFunc(mustSignature, fn) };
}

const slice = (list: GoValue, ...indices: GoValue[]): GoValue => {
  if (list === undefined || list === null) throw new Error('runtime error: invalid memory address or nil pointer dereference');
  const l = asList(list);
  if (!l) throw new Error(`list should be type of slice or array but ${kindName(list)}`);
  if (l.length === 0) return null;
  const start = indices.length > 0 ? Number(toInt64(indices[0])) : 0;
  const end = indices.length < 2 ? l.length : Number(toInt64(indices[1]));
  if (start < 0 || end > l.length || start > end) {
    throw new Error('reflect.Value.Slice: slice index out of bounds');
  }
  const out = l.slice(start, end);
  const t = goTypeOf(list);
  return Array.isArray(list) && t && t !== '[]interface {}' ? withGoType(out, t) : out;
};

/**
 * Sprig's chunk, computed as Go computes it: the chunk count comes from float division, so a size of 0 or below
 * makes a slice of an impossible length, which Go reports as a makeslice panic.
 */
function chunk(size: number, items: GoValue[]): GoValue[][] {
  const makeslice = (): Error => new Error('runtime error: makeslice: len out of range');
  const count = Math.floor((items.length - 1) / size) + 1;
  if (!Number.isFinite(count) || count < 0) throw makeslice();
  const out: GoValue[][] = [];
  for (let i = 0; i < count; i++) {
    let clen = size;
    if (i === count - 1) clen = Math.floor(items.length % size) || size;
    if (clen < 0) throw makeslice();
    const start = i * size;
    if (start + clen > items.length) throw new Error('reflect: slice index out of range');
    out.push(items.slice(start, start + clen));
  }
  return out;
}

/** The list functions by name. */
export const listFuncs: FuncMap = {
  list: goFunc('func(...interface {}) []interface {}', (...v: GoValue[]) => v),
  tuple: goFunc('func(...interface {}) []interface {}', (...v: GoValue[]) => v),
  ...both('push', 'func(interface {}, interface {}) []interface {}', 'func(interface {}, interface {}) ([]interface {}, error)', (l: GoValue, v: GoValue) => [
    ...listOf(l, 'Cannot push on type'),
    v,
  ]),
  ...both('append', 'func(interface {}, interface {}) []interface {}', 'func(interface {}, interface {}) ([]interface {}, error)', (l: GoValue, v: GoValue) => [
    ...listOf(l, 'Cannot push on type'),
    v,
  ]),
  ...both(
    'prepend',
    'func(interface {}, interface {}) []interface {}',
    'func(interface {}, interface {}) ([]interface {}, error)',
    (l: GoValue, v: GoValue) => [v, ...listOf(l, 'Cannot prepend on type')],
  ),
  ...both('chunk', 'func(int, interface {}) [][]interface {}', 'func(int, interface {}) ([][]interface {}, error)', (size: bigint, l: GoValue) =>
    withGoType(chunk(Number(size), listOf(l, 'Cannot chunk type')), '[][]interface {}'),
  ),
  ...both('last', 'func(interface {}) interface {}', 'func(interface {}) (interface {}, error)', (l: GoValue) => {
    const items = listOf(l, 'Cannot find last on type');
    return items.length ? items[items.length - 1] : null;
  }),
  ...both('first', 'func(interface {}) interface {}', 'func(interface {}) (interface {}, error)', (l: GoValue) => {
    const items = listOf(l, 'Cannot find first on type');
    return items.length ? items[0] : null;
  }),
  ...both('rest', 'func(interface {}) []interface {}', 'func(interface {}) ([]interface {}, error)', (l: GoValue) => {
    const items = listOf(l, 'Cannot find rest on type');
    return items.length ? items.slice(1) : [];
  }),
  ...both('initial', 'func(interface {}) []interface {}', 'func(interface {}) ([]interface {}, error)', (l: GoValue) => {
    const items = listOf(l, 'Cannot find initial on type');
    return items.length ? items.slice(0, -1) : [];
  }),
  ...both('reverse', 'func(interface {}) []interface {}', 'func(interface {}) ([]interface {}, error)', (l: GoValue) =>
    [...listOf(l, 'Cannot find reverse on type')].reverse(),
  ),
  ...both('compact', 'func(interface {}) []interface {}', 'func(interface {}) ([]interface {}, error)', (l: GoValue) =>
    listOf(l, 'Cannot compact on type').filter((x) => !empty(x)),
  ),
  ...both('uniq', 'func(interface {}) []interface {}', 'func(interface {}) ([]interface {}, error)', (l: GoValue) => {
    const out: GoValue[] = [];
    for (const x of listOf(l, 'Cannot find uniq on type')) if (!inList(out, x)) out.push(x);
    return out;
  }),
  ...both(
    'without',
    'func(interface {}, ...interface {}) []interface {}',
    'func(interface {}, ...interface {}) ([]interface {}, error)',
    (l: GoValue, ...omit: GoValue[]) => listOf(l, 'Cannot find without on type').filter((x) => !inList(omit, x)),
  ),
  ...both('has', 'func(interface {}, interface {}) bool', 'func(interface {}, interface {}) (bool, error)', (needle: GoValue, hay: GoValue) => {
    if (hay === null || hay === undefined) return false;
    return inList(listOf(hay, 'Cannot find has on type'), needle);
  }),
  ...both('slice', 'func(interface {}, ...interface {}) interface {}', 'func(interface {}, ...interface {}) (interface {}, error)', slice),
  concat: goFunc('func(...interface {}) interface {}', (...lists: GoValue[]) => {
    let out: GoValue[] = [];
    for (const l of lists) {
      // Go reads reflect.TypeOf(l).Kind(): a nil list is a nil pointer dereference.
      if (l === null || l === undefined) throw new Error('runtime error: invalid memory address or nil pointer dereference');
      const items = asList(l);
      if (!items) throw new Error(`Cannot concat type ${kindName(l)} as list`);
      out = [...out, ...items];
    }
    return out;
  }),
  until: goFunc('func(int) []int', (n: bigint) => untilStep(0n, n, n < 0n ? -1n : 1n)),
  untilStep: goFunc('func(int, int, int) []int', untilStep),
  seq: goFunc('func(...int) string', (...p: bigint[]) => seq(p)),
};

/** Sprig's untilStep. */
export function untilStep(start: bigint, stop: bigint, step: bigint): bigint[] {
  const v: bigint[] = [];
  if (stop < start) {
    if (step >= 0n) return v;
    for (let i = start; i > stop; i += step) v.push(i);
    return v;
  }
  if (step <= 0n) return v;
  for (let i = start; i < stop; i += step) v.push(i);
  return v;
}

function seq(p: bigint[]): string {
  let r: bigint[];
  switch (p.length) {
    case 1: {
      const inc = p[0] < 1n ? -1n : 1n;
      r = untilStep(1n, p[0] + inc, inc);
      break;
    }
    case 2: {
      const step = p[1] < p[0] ? -1n : 1n;
      r = untilStep(p[0], p[1] + step, step);
      break;
    }
    case 3: {
      let inc = 1n;
      if (p[2] < p[0]) {
        inc = -1n;
        if (p[1] > 0n) return '';
      }
      r = untilStep(p[0], p[2] + inc, p[1]);
      break;
    }
    default:
      return '';
  }
  return r.join(' ');
}
