import type { Chart } from './chart';
import { coalesceValues } from './coalesce';
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
});
