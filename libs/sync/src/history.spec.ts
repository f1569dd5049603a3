import { appendHistory, findHistory, type HistoryEntry } from './history';

const entry = (n: number): HistoryEntry => ({
  revision: `rev${n}`,
  source: { repoURL: 'https://github.com/argoproj/argocd-example-apps', path: 'guestbook', targetRevision: 'HEAD' },
  deployedAt: `2026-11-29T10:0${n}:00Z`,
  deployStartedAt: `2026-11-29T10:0${n}:00Z`,
  initiatedBy: { automated: true },
});

describe('appendHistory', () => {
  it('numbers entries from 0 and keeps the newest 10 by default', () => {
    let history = appendHistory(undefined, entry(0));
    expect(history).toEqual([{ ...entry(0), id: 0 }]);
    for (let i = 1; i < 12; i++) history = appendHistory(history, entry(i % 10));
    expect(history).toHaveLength(10);
    expect(history.map((h) => h.id)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect(findHistory(history, 11)?.revision).toBe('rev1');
    expect(findHistory(history, 1)).toBeUndefined();
  });

  it('honours revisionHistoryLimit', () => {
    const history = [0, 1, 2].reduce((h, i) => appendHistory(h, entry(i), 2), [] as ReturnType<typeof appendHistory>);
    expect(history.map((h) => h.id)).toEqual([1, 2]);
    expect(appendHistory(history, entry(3), 0)).toEqual([]);
  });
});
