import { rollbackOperation } from './sync-request';

const caller = { subject: 'alice' };
const chart = { repoURL: 'https://git.example/charts.git', path: 'charts/web', targetRevision: 'main', helm: { valueFiles: ['$values/prod.yaml'] } };
const values = { repoURL: 'https://git.example/values.git', targetRevision: 'HEAD', ref: 'values' };

describe('the operation of a rollback', () => {
  it('syncs every source of a multi-source entry at the revision it recorded', () => {
    const op = rollbackOperation(
      caller,
      { id: 1, revisions: ['aaa', 'bbb'], sources: [chart, values], deployedAt: '2026-12-04T10:00:00Z' },
      { id: 1, prune: true },
    );
    expect(op).toMatchObject({ sync: { revisions: ['aaa', 'bbb'], sources: [chart, values], prune: true }, initiatedBy: { username: 'alice' } });
    expect(op.sync).not.toHaveProperty('revision');
    expect(op.sync).not.toHaveProperty('source');
  });

  it("syncs a single-source entry's source at its revision", () => {
    const op = rollbackOperation(caller, { id: 2, revision: 'ccc', source: chart, deployedAt: '2026-12-04T11:00:00Z' }, { id: 2 });
    expect(op.sync).toMatchObject({ revision: 'ccc', source: chart });
    expect(op.sync).not.toHaveProperty('sources');
  });
});
