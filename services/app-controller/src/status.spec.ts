import { mergePatch } from './app-writer';
import type { Application } from '@fjord/argo';
import type { Comparison } from './compare-app';
import { nextStatus, statusChanged } from './status';

describe('status writes', () => {
  it('builds a merge patch that removes fields at every depth and replaces lists', () => {
    expect(
      mergePatch({ health: { status: 'Healthy', message: 'old' }, resources: [1, 2], gone: 1 }, { health: { status: 'Healthy' }, resources: [1] }),
    ).toEqual({
      health: { status: 'Healthy', message: null },
      resources: [1],
      gone: null,
    });
  });

  it('sees no change when only key order or reconciledAt differ', () => {
    expect(
      statusChanged({ sync: { status: 'Synced', revision: 'a' }, reconciledAt: 'x' }, { reconciledAt: 'y', sync: { revision: 'a', status: 'Synced' } }),
    ).toBe(false);
    expect(statusChanged({ health: { status: 'Healthy', message: 'm' } }, { health: { status: 'Healthy' } })).toBe(true);
  });

  it('lists resources in a fixed order, so the order the cache held them in is not a change', () => {
    const resource = (kind: string, name: string) => ({
      group: '',
      version: 'v1',
      kind,
      namespace: 'ns',
      name,
      status: 'Synced',
      hook: false,
      drift: [],
      modified: false,
    });
    const app = {
      metadata: { name: 'a', namespace: 'argocd' },
      spec: { source: { repoURL: 'r', path: 'p' }, destination: { namespace: 'ns' } },
    } as unknown as Application;
    const outcome = (resources: ReturnType<typeof resource>[]) => ({
      kind: 'compared' as const,
      revision: 'abc',
      sourceType: 'Directory',
      comparison: { desired: [], resources, syncStatus: 'Synced', health: { status: 'Healthy', resources: [] }, images: [] } as unknown as Comparison,
    });
    const one = nextStatus(app, outcome([resource('Service', 'web'), resource('ConfigMap', 'b'), resource('ConfigMap', 'a')]), 't1');
    const other = nextStatus(app, outcome([resource('ConfigMap', 'a'), resource('Service', 'web'), resource('ConfigMap', 'b')]), 't2');
    expect(one.resources!.map((r) => `${r.kind}/${r.name}`)).toEqual(['ConfigMap/a', 'ConfigMap/b', 'Service/web']);
    expect(statusChanged(one, other)).toBe(false);
  });
});
