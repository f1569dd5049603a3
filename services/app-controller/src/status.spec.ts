import { mergePatch } from './status-writer';
import { statusChanged } from './status';

describe('status writes', () => {
  it('builds a merge patch that removes fields at every depth and replaces lists', () => {
    expect(mergePatch({ health: { status: 'Healthy', message: 'old' }, resources: [1, 2], gone: 1 }, { health: { status: 'Healthy' }, resources: [1] })).toEqual({
      health: { status: 'Healthy', message: null },
      resources: [1],
      gone: null,
    });
  });

  it('sees no change when only key order or reconciledAt differ', () => {
    expect(statusChanged({ sync: { status: 'Synced', revision: 'a' }, reconciledAt: 'x' }, { reconciledAt: 'y', sync: { revision: 'a', status: 'Synced' } })).toBe(false);
    expect(statusChanged({ health: { status: 'Healthy', message: 'm' } }, { health: { status: 'Healthy' } })).toBe(true);
  });
});
