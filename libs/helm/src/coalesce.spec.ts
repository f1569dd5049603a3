import type { Chart } from './chart';
import { coalesceValues } from './coalesce';
import { processDependencies, renderValues } from './dependencies';
import { decodeChartYaml } from './metadata';
import { emptyMetadata } from './metadata';
import { loadValues } from './values-file';

function chart(name: string, values: Record<string, unknown>, deps: Chart[] = []): Chart {
  const c: Chart = {
    metadata: { ...emptyMetadata(), name, version: '1.0.0', apiVersion: 'v2' },
    values,
    templates: [],
    files: [],
    dependencies: deps,
    source: name,
    fromDirectory: true,
  };
  for (const d of deps) d.parent = c;
  return c;
}

describe('coalesceValues', () => {
  it('layers user values over defaults, deletes with null, pushes globals down', () => {
    const sub = chart('sub', { a: 1, nested: { keep: true, drop: 'x' }, global: { own: 'sub' } });
    const parent = chart('p', { x: 1, y: { z: 2 }, global: { g: 'parent' }, sub: { a: 2 } }, [sub]);
    const out = coalesceValues(parent, { y: { w: 3 }, x: null, sub: { nested: { drop: null } } });
    expect(out).toEqual({
      y: { z: 2, w: 3 },
      global: { g: 'parent' },
      sub: { a: 2, nested: { keep: true }, global: { g: 'parent', own: 'sub' } },
    });
    expect(parent.values).toEqual({ x: 1, y: { z: 2 }, global: { g: 'parent' }, sub: { a: 2 } });
  });

  it('keeps user lists and scalars over default maps as Helm does', () => {
    const c = chart('c', { m: { a: 1 }, l: [1, 2] });
    expect(coalesceValues(c, { m: 'scalar', l: [3] })).toEqual({ m: 'scalar', l: [3] });
  });
});

describe('coalescing: fixed cases found by the helm-values fuzzer (checked against helm v4.2.4)', () => {
  it('prints a subchart key that is not a map as Go prints it with %t (a nil inside a list as <nil>)', () => {
    const parent = chart('p', {}, [chart('sub', {})]);
    expect(() => coalesceValues(parent, { sub: [null, { a: 'x' }] })).toThrow('type mismatch on sub: [<nil> map[%!t(string=a):%!t(string=x)]]');
  });

  it('keeps chart defaults named like inherited JavaScript properties (constructor, toString)', () => {
    const parent = chart('p', { constructor: 0.5, toString: '' }, [chart('sub', { constructor: 1 })]);
    expect(coalesceValues(parent, {})).toEqual({ constructor: 0.5, toString: '', sub: { constructor: 1, global: {} } });
  });

  it('says a failure while processing dependencies is one, as helm install/template does', () => {
    const parent = chart('p', {}, [chart('sub', {})]);
    parent.metadata.dependenciesListed = true;
    expect(() => renderValues(parent, { sub: 'x' })).toThrow('chart dependencies processing failed: type mismatch on sub: %!t(string=x)');
  });

  it('processes dependencies under a chart whose list of them is empty but present, as for a non-nil Go slice', () => {
    expect(decodeChartYaml('name: p\nversion: 1.0.0\ndependencies: []\n').dependenciesListed).toBe(true);
    expect(decodeChartYaml('name: p\nversion: 1.0.0\ndependencies:\n').dependenciesListed).toBe(false);
    const tree = (listed: boolean) => {
      const deep = chart('deep', { d: 1 });
      const sub = chart('sub', { v: 1 }, [deep]);
      sub.metadata.dependencies = [
        { name: 'deep', version: '*', repository: '', condition: 'deep.enabled', tags: [], enabled: false, importValues: [], alias: '' },
      ];
      const parent = chart('p', {}, [sub]);
      parent.metadata.dependenciesListed = listed;
      return parent;
    };
    const user = { sub: { deep: { enabled: false } } };
    const listed = tree(true);
    processDependencies(listed, user);
    expect(coalesceValues(listed, user)).toEqual({ sub: { deep: { enabled: false }, global: {}, v: 1 } });
    const absent = tree(false);
    processDependencies(absent, user);
    expect(coalesceValues(absent, user)).toEqual({ sub: { deep: { d: 1, enabled: false, global: {} }, global: {}, v: 1 } });
  });
});

describe('loadValues', () => {
  it('reads YAML 1.1 as Helm does and merges documents', () => {
    expect(loadValues('a: yes\nb: 0777\nc: 1e3\nd: 2020-01-01\ne: .\n---\nf: {g: 1}\n')).toEqual({
      a: true,
      b: 511,
      c: 1000,
      d: '2020-01-01',
      e: '.',
      f: { g: 1 },
    });
    expect(() => loadValues('- a\n')).toThrow(/cannot unmarshal array/);
  });

  it('keeps keys JavaScript objects inherit (__proto__, constructor) as plain keys, as Go maps do', () => {
    const values = loadValues('"__proto__": {a: 1}\nconstructor: x\n---\n"__proto__": {b: 2}\n');
    expect(Object.getPrototypeOf(values)).toBe(Object.prototype);
    expect(Object.keys(values)).toEqual(['__proto__', 'constructor']);
    expect(JSON.stringify(values)).toBe('{"__proto__":{"a":1,"b":2},"constructor":"x"}');
  });
});
