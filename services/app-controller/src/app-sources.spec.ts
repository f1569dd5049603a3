import type { Application } from '@fjord/argo';
import { targetSources } from './app-sources';

const one = { repoURL: 'https://git.example/a.git', path: 'a', targetRevision: 'HEAD' };
const two = { repoURL: 'https://git.example/b.git', path: 'b', targetRevision: 'main' };
const app = (spec: Application['spec']) => ({ spec });

describe('the sources an app renders', () => {
  it('take sync.revision for a single source and sync.revisions, one per source, for several', () => {
    expect(targetSources(app({ source: one }), { revision: 'abc' })).toEqual([{ ...one, targetRevision: 'abc' }]);
    expect(targetSources(app({ sources: [one, two] }), { revisions: ['r1', ''] }).map((s) => s.targetRevision)).toEqual(['r1', 'main']);
    expect(targetSources(app({ sources: [one, two] }), { revision: 'r1' }).map((s) => s.targetRevision)).toEqual(['HEAD', 'main']);
    expect(targetSources(app({ sources: [one] }), { revision: 'r1' }).map((s) => s.targetRevision)).toEqual(['r1']);
  });

  it('are the sources the operation names, at its revisions, when it names them (a rollback to a history entry)', () => {
    const old = { ...two, path: 'b-old' };
    expect(targetSources(app({ sources: [one, two] }), { sources: [one, old], revisions: ['r1', 'r2'] })).toEqual([
      { ...one, targetRevision: 'r1' },
      { ...old, targetRevision: 'r2' },
    ]);
    expect(targetSources(app({ source: one }), { source: old, revision: 'r3' })).toEqual([{ ...old, targetRevision: 'r3' }]);
    expect(targetSources(app({ sources: [one, two] }), { sources: [] })).toEqual([one, two]);
  });

  it('never change the spec they come from', () => {
    const spec = { sources: [one, two] };
    targetSources(app(spec), { revisions: ['r1', 'r2'] });
    expect(spec.sources).toEqual([one, two]);
  });
});
