import { ChangeBatcher } from './change-batcher';
import { ChangeType, type ChangeEvent } from './types';

describe('ChangeBatcher', () => {
  const key = (name: string) => ({ group: '', kind: 'ConfigMap', namespace: 'ns', name });
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('delivers an app’s first change at once and coalesces the rest of its cooldown into the latest one', () => {
    const got: ChangeEvent[] = [];
    const batcher = new ChangeBatcher(100, (e) => got.push(e));
    batcher.add(ChangeType.Added, key('a'), ['shop', 'blog']);
    batcher.add(ChangeType.Modified, key('b'), ['shop']);
    batcher.add(ChangeType.Deleted, key('c'), ['shop']);
    expect(got).toEqual([{ type: ChangeType.Added, key: key('a'), apps: ['shop', 'blog'] }]);
    expect(batcher.pendingApps).toBe(1);
    jest.advanceTimersByTime(100);
    expect(got[1]).toEqual({ type: ChangeType.Deleted, key: key('c'), apps: ['shop'] });
    jest.advanceTimersByTime(100);
    batcher.add(ChangeType.Modified, key('d'), ['blog', 'shop']);
    expect(got).toHaveLength(3);
    batcher.stop();
  });

  it('delivers everything when batchMs is 0', () => {
    const got: ChangeEvent[] = [];
    const batcher = new ChangeBatcher(0, (e) => got.push(e));
    for (const n of ['a', 'b', 'c']) batcher.add(ChangeType.Modified, key(n), ['shop']);
    expect(got.map((e) => e.key.name)).toEqual(['a', 'b', 'c']);
  });
});
