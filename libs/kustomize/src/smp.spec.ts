/* eslint-disable @typescript-eslint/no-explicit-any -- the tests dig into untyped Kubernetes objects */
import { applyJsonPatch } from './json-patch';
import { applyStrategicMerge } from './smp';

const deployment = () => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  spec: {
    template: {
      spec: {
        containers: [
          { name: 'a', image: 'a', env: [{ name: 'X', value: '1' }] },
          { name: 'b', image: 'b' },
        ],
      },
    },
  },
});

describe('applyStrategicMerge', () => {
  it('merges built-in lists by merge key, patched elements first (as kustomize does)', () => {
    const out = applyStrategicMerge(deployment(), {
      spec: {
        template: {
          spec: {
            containers: [
              { name: 'b', image: 'b2' },
              { name: 'a', env: [{ name: 'Y', value: '2' }] },
            ],
          },
        },
      },
    });
    expect((out as any).spec.template.spec.containers).toEqual([
      { name: 'b', image: 'b2' },
      {
        name: 'a',
        image: 'a',
        env: [
          { name: 'Y', value: '2' },
          { name: 'X', value: '1' },
        ],
      },
    ]);
  });

  it('honours $patch: delete on elements and objects, $patch: replace, and null deletes', () => {
    const del = applyStrategicMerge(deployment(), { spec: { template: { spec: { containers: [{ name: 'a', $patch: 'delete' }] } } } });
    expect((del as any).spec.template.spec.containers.map((c: any) => c.name)).toEqual(['b']);
    expect(applyStrategicMerge(deployment(), { $patch: 'delete' })).toBeNull();
    const rep = applyStrategicMerge(deployment(), { spec: { template: { spec: { $patch: 'replace', containers: [{ name: 'z' }] } } } });
    expect((rep as any).spec.template.spec).toEqual({ containers: [{ name: 'z' }] });
    const nul = applyStrategicMerge({ kind: 'X', apiVersion: 'v1', a: 1, b: 2 }, { a: null });
    expect(nul).toEqual({ kind: 'X', apiVersion: 'v1', b: 2 });
  });

  it('replaces lists of unknown kinds', () => {
    const out = applyStrategicMerge({ apiVersion: 'x.io/v1', kind: 'W', items: [{ name: 'a' }, { name: 'b' }] }, { items: [{ name: 'b', v: 1 }] });
    expect(out).toEqual({ apiVersion: 'x.io/v1', kind: 'W', items: [{ name: 'b', v: 1 }] });
  });
});

describe('applyJsonPatch', () => {
  it('adds, replaces, removes, copies and supports negative indices', () => {
    const doc: Record<string, unknown> = { a: [1, 2, 3], b: { c: 1 } };
    applyJsonPatch(doc, [
      { op: 'add', path: '/a/-', value: 4 },
      { op: 'replace', path: '/b/c', value: 2 },
      { op: 'remove', path: '/a/-1' },
      { op: 'copy', from: '/b/c', path: '/d' },
      { op: 'test', path: '/d', value: 2 },
    ]);
    expect(doc).toEqual({ a: [1, 2, 3], b: { c: 2 }, d: 2 });
  });

  it('fails on missing parents, and on removing or moving a missing key', () => {
    expect(() => applyJsonPatch({}, [{ op: 'add', path: '/x/y', value: 1 }])).toThrow('missing');
    expect(() => applyJsonPatch({}, [{ op: 'remove', path: '/x' }])).toThrow('nonexistent');
    expect(() => applyJsonPatch({}, [{ op: 'move', from: '/x', path: '/y' }])).toThrow('nonexistent');
  });

  it("is as loose as kustomize's JSON patch library: replace adds a missing key, copy of a missing key reads null, test ignores key order", () => {
    const doc: Record<string, unknown> = { a: { x: 1, y: 2 } };
    applyJsonPatch(doc, [
      { op: 'replace', path: '/b', value: 'r' },
      { op: 'copy', from: '/nothing', path: '/c' },
      { op: 'test', path: '/a', value: { y: 2, x: 1 } },
      { op: 'test', path: '/missing', value: null },
    ]);
    expect(doc).toEqual({ a: { x: 1, y: 2 }, b: 'r', c: null });
  });
});
