import { loadCorpusDir, track, compare } from '../test/fixtures';
import { FakeCluster } from '../test/fake-cluster';
import { nextStep } from './next-step';
import { decideRetry, endOperation, isRetryPending, newOperationState, startRetry, terminateOperation, withStep } from './operation-state';
import { planSync } from './plan';
import { recordOutcome, type TaskResults } from './results';
import { retryDelay } from './retry';

const t0 = new Date('2026-11-29T10:00:00Z');
const at = (s: number) => new Date(t0.getTime() + s * 1000);
const operation = { sync: { revision: 'abc1234', prune: true }, initiatedBy: { automated: true } };

describe('operation state', () => {
  const desired = track(loadCorpusDir('argocd-example-apps/pre-post-sync'));
  const plan = planSync({ desired, resources: compare(desired, []), destinationNamespace: 'default', operation: {}, startedAt: t0 });

  it('follows the steps: Running with a message, then Succeeded with finishedAt', () => {
    let state = newOperationState(operation, t0);
    expect(state).toEqual({ operation, phase: 'Running', message: '', startedAt: '2026-11-29T10:00:00Z' });
    const cluster = new FakeCluster();
    let step = nextStep(plan, {});
    state = withStep(state, step, at(1));
    expect(state).toMatchObject({ phase: 'Running', message: 'one or more tasks are running', syncResult: { resources: [] } });
    if (step.kind !== 'apply') throw new Error('expected apply');
    let results: TaskResults = step.results;
    for (const t of step.tasks) results = recordOutcome(results, t, { error: cluster.apply(t) }, false);
    step = nextStep(plan, results, { live: (t) => cluster.get(t) });
    state = withStep(state, step, at(2));
    expect(state.message).toBe('waiting for completion of hook batch/Job/before');
    expect(state.syncResult?.resources).toEqual([
      {
        group: 'batch',
        version: 'v1',
        kind: 'Job',
        namespace: 'default',
        name: 'before',
        status: 'Synced',
        message: 'job/before created',
        hookType: 'PreSync',
        hookPhase: 'Running',
        syncPhase: 'PreSync',
      },
    ]);
    const done = withStep(
      state,
      { kind: 'done', phase: 'Succeeded', message: 'successfully synced (all tasks run)', results, cleanup: { finalize: [], deleteHooks: [] } },
      at(3),
    );
    expect(done).toMatchObject({ phase: 'Succeeded', finishedAt: '2026-11-29T10:00:03Z' });
  });

  it('terminates: running hooks are deleted and marked Terminated, the operation fails', () => {
    const cluster = new FakeCluster();
    const step = nextStep(plan, {});
    if (step.kind !== 'apply') throw new Error('expected apply');
    let results: TaskResults = {};
    for (const t of step.tasks) results = recordOutcome(results, t, { error: cluster.apply(t) }, false);
    const term = terminateOperation(newOperationState(operation, t0), plan, results, (t) => cluster.get(t), at(5));
    expect(term.cleanup.deleteHooks.map((t) => t.key.name)).toEqual(['before']);
    expect(term.results['batch/Job/default/before:PreSync']).toMatchObject({ hookPhase: 'Failed', message: 'Terminated' });
    expect(term.state).toMatchObject({ phase: 'Failed', message: 'Operation terminated', finishedAt: '2026-11-29T10:00:05Z' });
  });
});

describe('retry', () => {
  const retry = { limit: 2, backoff: { duration: '5s', factor: 2, maxDuration: '3m' } };
  const failed = endOperation(newOperationState(operation, t0), 'Failed', 'one or more objects failed to apply', at(10));

  it('computes Argo CD backoff delays, capped by maxDuration', () => {
    expect([0, 1, 2, 3, 10].map((n) => retryDelay(retry, n))).toEqual([5000, 10_000, 20_000, 40_000, 180_000]);
    expect(retryDelay(undefined, 0)).toBe(5000);
    expect(retryDelay({ backoff: { duration: '1h30m', factor: 1, maxDuration: '0' } }, 3)).toBe(5_400_000);
  });

  it('retries under the limit, waits for the backoff, then starts a fresh attempt', () => {
    const first = decideRetry(failed, retry, at(10));
    expect(first).toMatchObject({
      phase: 'Running',
      retryCount: 1,
      finishedAt: '2026-11-29T10:00:10Z',
      message: 'one or more objects failed to apply. Retrying attempt #1 at 10:00AM.',
    });
    expect(isRetryPending(first)).toBe(true);
    expect(startRetry(first, retry, at(15))).toEqual({ waitMs: 5000 });
    const resumed = startRetry(first, retry, at(20));
    expect(resumed).toEqual({ state: expect.objectContaining({ phase: 'Running', message: 'Retrying operation. Attempt #1', retryCount: 1 }) });
    expect('state' in resumed && resumed.state.finishedAt).toBe(undefined);
  });

  it('stops at the limit and says how many times it retried; never retries a terminated operation or without retry', () => {
    const exhausted = decideRetry({ ...failed, retryCount: 2 }, retry, at(10));
    expect(exhausted).toMatchObject({ phase: 'Failed', message: 'one or more objects failed to apply (retried 2 times).' });
    expect(decideRetry(failed, retry, at(10), true).phase).toBe('Failed');
    expect(decideRetry(failed, undefined, at(10))).toBe(failed);
    expect(decideRetry({ ...failed, retryCount: 50 }, { limit: -1 }, at(10)).phase).toBe('Running');
  });
});
