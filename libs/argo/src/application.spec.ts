import { appKey, appSources } from './application';

describe('appSources', () => {
  const a = { repoURL: 'https://git.example/a' };
  const b = { repoURL: 'https://git.example/b', ref: 'values' };
  it('takes spec.sources when it has entries, else spec.source, else none (Argo CD: sources wins)', () => {
    expect(appSources({ spec: { source: a, sources: [a, b] } })).toEqual([a, b]);
    expect(appSources({ spec: { source: a, sources: [] } })).toEqual([a]);
    expect(appSources({ spec: { source: a } })).toEqual([a]);
    expect(appSources({ spec: {} })).toEqual([]);
  });
});

describe('appKey', () => {
  it('is namespace/name, with an empty namespace when none is set', () => {
    expect(appKey({ metadata: { namespace: 'argocd', name: 'web' } })).toBe('argocd/web');
    expect(appKey({ metadata: { name: 'web' } })).toBe('/web');
  });
});
