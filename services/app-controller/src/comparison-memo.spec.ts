import type { KubeObject } from '@fjord/k8s-yaml';
import type { Comparison, LiveView } from './compare-app';
import { ComparisonMemo, comparisonInputs, recordingLiveView } from './comparison-memo';

// A live state held in maps, as the cluster cache answers (uid and resourceVersion are what identify a version).
function liveState() {
  const objects = new Map<string, KubeObject>();
  const cm = (name: string, rv: string): KubeObject => ({
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: { name, namespace: 'ns', uid: `uid-${name}`, resourceVersion: rv },
  });
  objects.set('cm/a', cm('a', '1'));
  const view: LiveView = {
    managedBy: () => [...objects.values()],
    get: (k) => objects.get(`cm/${k.name}`),
    isNamespaced: () => true,
  };
  return { view, set: (name: string, rv: string) => objects.set(`cm/${name}`, cm(name, rv)), remove: (name: string) => objects.delete(`cm/${name}`) };
}

const comparison = { desired: [], resources: [], syncStatus: 'Synced', health: { status: 'Healthy' }, images: [] } as unknown as Comparison;
const inputs = comparisonInputs({ source: { path: 'app' } }, 'abc123', ['{"kind":"ConfigMap"}']);

function remembered(state: ReturnType<typeof liveState>) {
  const memo = new ComparisonMemo();
  const { view, reads } = recordingLiveView(state.view);
  view.managedBy('guestbook');
  view.get({ group: '', kind: 'ConfigMap', namespace: 'ns', name: 'a' });
  view.get({ group: '', kind: 'ConfigMap', namespace: 'ns', name: 'b' }); // absent: its appearance matters too
  view.isNamespaced('', 'ConfigMap');
  memo.remember('argocd/guestbook', inputs, reads, comparison);
  return memo;
}

describe('ComparisonMemo', () => {
  it('reuses the comparison while spec, revision, manifests and every live answer are the same', () => {
    const state = liveState();
    const memo = remembered(state);
    expect(memo.lookup('argocd/guestbook', inputs, state.view)).toBe(comparison);
    expect(memo.hits).toBe(1);
  });

  it('compares again after a live object changed, appeared or went', () => {
    for (const change of [
      (s: ReturnType<typeof liveState>) => s.set('a', '2'),
      (s: ReturnType<typeof liveState>) => s.set('b', '1'),
      (s: ReturnType<typeof liveState>) => s.remove('a'),
    ]) {
      const state = liveState();
      const memo = remembered(state);
      change(state);
      expect(memo.lookup('argocd/guestbook', inputs, state.view)).toBeUndefined();
    }
  });

  it('compares again for another revision, other manifests, another spec, or another app', () => {
    const state = liveState();
    const memo = remembered(state);
    expect(memo.lookup('argocd/guestbook', comparisonInputs({ source: { path: 'app' } }, 'def456', ['{"kind":"ConfigMap"}']), state.view)).toBeUndefined();
    expect(memo.lookup('argocd/guestbook', comparisonInputs({ source: { path: 'app' } }, 'abc123', ['{"kind":"Secret"}']), state.view)).toBeUndefined();
    expect(memo.lookup('argocd/guestbook', comparisonInputs({ source: { path: 'other' } }, 'abc123', ['{"kind":"ConfigMap"}']), state.view)).toBeUndefined();
    expect(memo.lookup('argocd/other', inputs, state.view)).toBeUndefined();
  });

  it('keeps the latest comparison for the managed-resources view, even once it no longer matches', () => {
    const state = liveState();
    const memo = remembered(state);
    state.set('a', '2');
    expect(memo.lookup('argocd/guestbook', inputs, state.view)).toBeUndefined();
    expect(memo.latest('argocd/guestbook')).toBe(comparison);
    expect(memo.latest('argocd/other')).toBeUndefined();
  });

  it('forgets a deleted app', () => {
    const state = liveState();
    const memo = remembered(state);
    memo.forget('argocd/guestbook');
    expect(memo.lookup('argocd/guestbook', inputs, state.view)).toBeUndefined();
    expect(memo.latest('argocd/guestbook')).toBeUndefined();
  });
});
