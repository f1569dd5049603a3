import { applyOptionsFor, deleteModeFor, parseSyncOptions, pruneLastFor, pruneModeFor, resourceSyncOptions } from './sync-options';

describe('parseSyncOptions', () => {
  it.each([
    [['CreateNamespace=true'], { createNamespace: true }],
    [['PruneLast=true', 'ApplyOutOfSyncOnly=true'], { pruneLast: true, applyOutOfSyncOnly: true }],
    [['Prune=false'], { prune: 'false' }],
    [['Prune=confirm', 'Delete=confirm'], { prune: 'confirm', delete: 'confirm' }],
    [['Delete=false'], { delete: 'false' }],
    [['Replace=true', 'ServerSideApply=true', 'Validate=false'], { replace: true, serverSideApply: true, validate: false }],
    [['PrunePropagationPolicy=orphan'], { prunePropagationPolicy: 'orphan' }],
    [
      ['FailOnSharedResource=true', 'RespectIgnoreDifferences=true', 'SkipDryRunOnMissingResource=true'],
      { failOnSharedResource: true, respectIgnoreDifferences: true, skipDryRunOnMissingResource: true },
    ],
    [' ServerSideApply=true , Validate=false ', { serverSideApply: true, validate: false }],
    [['CreateNamespace=false', 'CreateNamespace=true'], { createNamespace: true }],
  ])('%j', (input, expected) => {
    expect(parseSyncOptions(input)).toEqual({ unknown: [], ...expected });
  });

  it('keeps unknown or malformed items aside', () => {
    expect(parseSyncOptions(['Bogus=true', 'PrunePropagationPolicy=sideways', 'Replace', 'Prune=maybe']).unknown).toEqual([
      'Bogus=true',
      'PrunePropagationPolicy=sideways',
      'Replace',
      'Prune=maybe',
    ]);
  });

  it('reads the sync-options annotation of a resource', () => {
    const obj = { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's', annotations: { 'argocd.argoproj.io/sync-options': 'Prune=false,Delete=false' } } };
    expect(resourceSyncOptions(obj)).toEqual({ unknown: [], prune: 'false', delete: 'false' });
    expect(deleteModeFor(resourceSyncOptions(obj))).toBe('false');
  });
});

describe('combining app and resource options', () => {
  const app = parseSyncOptions(['ServerSideApply=true', 'Prune=false', 'PruneLast=false']);

  it('lets a resource turn server-side apply off, and validation off; Replace is on if either side says so', () => {
    expect(applyOptionsFor(app, parseSyncOptions('ServerSideApply=false,Validate=false,Replace=true'))).toEqual({
      serverSideApply: false,
      validate: false,
      replace: true,
      force: false,
      skipDryRunOnMissingResource: false,
    });
    expect(applyOptionsFor(app, parseSyncOptions(''))).toMatchObject({ serverSideApply: true, validate: true, replace: false });
  });

  it('takes the resource Prune= over the app Prune=, enabled by default', () => {
    expect(pruneModeFor(app, parseSyncOptions('Prune=true'))).toBe('true');
    expect(pruneModeFor(app, parseSyncOptions(''))).toBe('false');
    expect(pruneModeFor(parseSyncOptions([]), parseSyncOptions(''))).toBe('true');
    expect(pruneLastFor(app, parseSyncOptions('PruneLast=true'))).toBe(true);
  });
});
