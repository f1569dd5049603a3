/**
 * Random cases for the helm-values fuzzer. Keys come from a small pool shared by chart defaults, value files and
 * `--set` paths (subchart names, aliases, `global`, `tags`, `enabled`), so that the layers collide: user values
 * override defaults, nulls delete them, globals reach subcharts, conditions and tags switch subcharts off.
 */
import fc from 'fast-check';
import type { ChartCase, PlainValue, PlainValues, RequirementCase, ValuesCase } from './values-case';

const SUBCHARTS = ['sub', 'other'];
const ALIASES = ['alias1', 'alias2'];
const TAGS = ['t1', 't2'];
/** Keys shared by every layer; `constructor` and `toString` are names every JavaScript object inherits. */
const KEYS = ['a', 'b', 'x', 'list', 'global', 'tags', 'enabled', ...SUBCHARTS, 'deep', ...ALIASES, ...TAGS, 'a.b', 'é', 'constructor', 'toString'];

const key = fc.oneof({ weight: 12, arbitrary: fc.constantFrom(...KEYS) }, { weight: 1, arbitrary: fc.constantFrom('', 'k,v', 'k=v', 'k[0]', ' ') });

/** Scalars as YAML/JSON gives them: floats, bools, strings that look like other types. */
const scalar: fc.Arbitrary<PlainValue> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer({ min: -1000, max: 1000 }),
  fc.constantFrom(0.5, -1.25, 1e21, 3.0e-7, 65536),
  fc.constantFrom('', 's', 'true', '10', '1.5', 'null', 'a,b', 'x=y', 'é'),
  fc.string({ maxLength: 6 }),
);

const { value } = fc.letrec<{ value: PlainValue; map: PlainValues; list: PlainValue[] }>((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, tie('map'), tie('list')),
  map: fc.dictionary(key, tie('value'), { maxKeys: 4, noNullPrototype: true }),
  list: fc.array(tie('value'), { maxLength: 3 }),
}));

/** A values map (chart defaults or a `-f` file). */
export const valuesMap: fc.Arbitrary<PlainValues> = fc.dictionary(key, value, { maxKeys: 5, noNullPrototype: true });

/** A key of a `--set` path: pool keys (dotted ones escaped), escapes, odd characters. */
const setSegment = fc.oneof(
  { weight: 20, arbitrary: fc.constantFrom(...KEYS.map((k) => k.replace(/[.,=[\\]/g, (c) => `\\${c}`))) },
  { weight: 1, arbitrary: fc.constantFrom('a\\.b', 'k\\,v', 'k\\=v', 'k\\[0]', 'k\\\\', '', ' a', '😀', '__proto__') },
);

/** An index after a key: mostly valid, now and then one helm refuses (or quietly ignores). */
const setIndexSuffix = fc.oneof(
  { weight: 2, arbitrary: fc.constant('') },
  { weight: 12, arbitrary: fc.constantFrom('[0]', '[1]', '[2]', '[0][1]', '[1][0]', '[+1]') },
  { weight: 1, arbitrary: fc.constantFrom('[-1]', '[x]', '[]', '[70000]', '[99999999999999999999]', '[1', '[0]x') },
);

/** A path: keys joined by dots; `list` takes an index most times, other keys now and then (clashing with maps). */
const setPath = fc
  .array(
    fc.tuple(setSegment, fc.integer({ min: 0, max: 9 }), setIndexSuffix).map(([k, dice, i]) => (k === 'list' || dice === 0 ? k + i : k)),
    { minLength: 1, maxLength: 3 },
  )
  .map((segs) => segs.join('.'));

/** A `--set` value: typed-looking scalars, lists, escapes, and the characters the parser stops at. */
const setValue = fc.oneof(
  { weight: 8, arbitrary: fc.constantFrom('', 'null', 'NULL', 'true', 'False', '0', '00', '07', '10', '-5', '+5', '1.5', '1e3', '0x1F') },
  { weight: 3, arbitrary: fc.constantFrom('9223372036854775807', '9223372036854775808', '-9223372036854775808', '-0', ' 1') },
  { weight: 6, arbitrary: fc.constantFrom('x', 'a=b', 'a\\,b', '{a,b}', '{}', '{1,true,null,}', 'x}', '\\', 'é', '[0]', 'a.b') },
  { weight: 1, arbitrary: fc.constantFrom('{a,{b}', '{x') },
  { weight: 1, arbitrary: fc.string({ maxLength: 5, unit: fc.constantFrom(...'ab1.=[]{},\\ '.split('')) }) },
);

const assignment = fc.oneof({ weight: 30, arbitrary: fc.tuple(setPath, setValue).map(([p, v]) => `${p}=${v}`) }, { weight: 1, arbitrary: setPath });

/** A `--set`/`--set-string` expression: assignments joined by commas, or raw text of the parser's special characters. */
export const setExpression = fc.oneof(
  { weight: 40, arbitrary: fc.array(assignment, { minLength: 1, maxLength: 3 }).map((a) => a.join(',')) },
  { weight: 1, arbitrary: fc.string({ maxLength: 14, unit: fc.constantFrom(...'ab0.=[]{},\\'.split('')) }) },
);

const FILES = ['f1', 'f2'];

/** A `--set-file` expression: paths to values, single files or lists of them. */
const setFileExpression = fc
  .array(fc.tuple(setPath, fc.constantFrom('f1', 'f2', '{f1,f2}', '{f2}')), { minLength: 1, maxLength: 2 })
  .map((a) => a.map(([p, f]) => `${p}=${f}`).join(','));

const requirement = (name: string): fc.Arbitrary<RequirementCase> =>
  fc.record({
    name: fc.constant(name),
    version: fc.constantFrom('*', '1.0.0', '^1.0.0', '>=2.0.0'),
    alias: fc.constantFrom('', '', ...ALIASES),
    condition: fc.constantFrom('', `${name}.enabled`, 'enabled', 'alias1.enabled', `x,${name}.enabled`, 'global.enabled'),
    tags: fc.subarray(TAGS),
  });

/** One value from each arbitrary, as a list. */
const each = <T>(arbs: fc.Arbitrary<T>[]): fc.Arbitrary<T[]> => (arbs.length ? fc.tuple(...arbs).map((t) => [...t]) : fc.constant([]));

/** Chart.yaml's dependencies for the given subcharts: none declared (null), or some of them, repeated under aliases. */
const requirements = (deps: ChartCase[]): fc.Arbitrary<RequirementCase[] | null> =>
  fc.option(
    fc.array(fc.constantFrom(...deps.map((d) => d.name), ''), { maxLength: 3 }).chain((names) => each(names.filter((n) => n !== '').map(requirement))),
    { nil: null, freq: 3 },
  );

/** A chart with the given subchart names available (each subchart may have a `deep` subchart of its own). */
function chart(name: string, subNames: string[], depth: number): fc.Arbitrary<ChartCase> {
  const deps = depth > 1 ? fc.constant<ChartCase[]>([]) : fc.subarray(subNames).chain((names) => each(names.map((n) => chart(n, ['deep'], depth + 1))));
  return deps.chain((ds) =>
    fc.record({
      name: fc.constant(name),
      version: fc.constant('1.0.0'),
      values: valuesMap,
      reqs: requirements(ds),
      deps: fc.constant(ds),
    }),
  );
}

/** A whole case: a chart tree and the value flags. */
export const valuesCase: fc.Arbitrary<ValuesCase> = fc.record({
  chart: chart('parent', SUBCHARTS, 0),
  files: fc.array(fc.array(valuesMap, { minLength: 1, maxLength: 2 }), { maxLength: 2 }),
  set: fc.array(setExpression, { maxLength: 2 }),
  setString: fc.array(setExpression, { maxLength: 1 }),
  setFile: fc.array(setFileExpression, { maxLength: 1 }),
  readable: fc.record(Object.fromEntries(FILES.map((f) => [f, fc.string({ maxLength: 8, unit: 'grapheme' })]))) as fc.Arbitrary<Record<string, string>>,
});
