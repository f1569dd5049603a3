import type { ResourceDiff } from '@fjord/diff';
import type { KubeObject } from '@fjord/k8s-yaml';
import { AppDeletionDecision, decideAppDeletion, PruneDecision, shouldPrune } from './deletion';
import { planSync } from './plan';
import { TaskAction } from './task';

const startedAt = '2026-11-29T10:00:00Z';
const cm = (name: string, syncOptions?: string): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: { name, namespace: 'default', ...(syncOptions ? { annotations: { 'argocd.argoproj.io/sync-options': syncOptions } } : {}) },
});
const extraneous = (live: KubeObject): ResourceDiff =>
  ({
    group: '',
    version: 'v1',
    kind: 'ConfigMap',
    namespace: 'default',
    name: live.metadata!.name,
    requiresPruning: true,
    normalizedLive: live,
    status: 'OutOfSync',
  }) as unknown as ResourceDiff;

function pruneTaskOf(live: KubeObject, prune: boolean | undefined, appSyncOptions?: string[]) {
  const plan = planSync({ desired: [], resources: [extraneous(live)], destinationNamespace: 'default', operation: { prune }, appSyncOptions, startedAt });
  return { plan, task: plan.tasks.find((t) => t.action === TaskAction.Prune)! };
}

describe('shouldPrune', () => {
  it('never deletes without prune on the operation, and says PruneSkipped: ignored (requires pruning)', () => {
    for (const prune of [undefined, false]) {
      const { plan, task } = pruneTaskOf(cm('old'), prune);
      expect(task).toMatchObject({ pruneDecision: PruneDecision.Skip, pruneSkipMessage: 'ignored (requires pruning)' });
      expect(shouldPrune(task, { prune: plan.prune, pruneConfirmed: true })).toBe(false);
    }
  });

  it('deletes with prune on the operation', () => {
    const { plan, task } = pruneTaskOf(cm('old'), true);
    expect(task.pruneDecision).toBe(PruneDecision.Delete);
    expect(shouldPrune(task, { prune: plan.prune })).toBe(true);
  });

  it('keeps a Prune=false resource (its own annotation or the app option) even with prune', () => {
    for (const [live, appOptions] of [
      [cm('old', 'Prune=false'), undefined],
      [cm('old'), ['Prune=false']],
    ] as const) {
      const { plan, task } = pruneTaskOf(live, true, appOptions ? [...appOptions] : undefined);
      expect(task.pruneSkipMessage).toBe('ignored (no prune)');
      expect(shouldPrune(task, { prune: plan.prune, pruneConfirmed: true })).toBe(false);
    }
  });

  it('deletes a Prune=confirm resource only once approved', () => {
    const { plan, task } = pruneTaskOf(cm('old', 'Prune=confirm'), true);
    expect(shouldPrune(task, { prune: plan.prune, pruneConfirmed: false })).toBe(false);
    expect(shouldPrune(task, { prune: plan.prune, pruneConfirmed: true })).toBe(true);
  });

  it('never deletes through a task that is not a prune task, or a plan without prune', () => {
    const { task } = pruneTaskOf(cm('old'), true);
    expect(shouldPrune({ ...task, action: TaskAction.Apply }, { prune: true })).toBe(false);
    expect(shouldPrune(task, { prune: false })).toBe(false);
  });
});

describe('decideAppDeletion', () => {
  it('keeps Delete=false, waits for approval of Delete=confirm, deletes the rest', () => {
    expect(decideAppDeletion(cm('a', 'Delete=false'), true)).toBe(AppDeletionDecision.Keep);
    expect(decideAppDeletion(cm('a', 'Prune=false,Delete=false'), false)).toBe(AppDeletionDecision.Keep);
    expect(decideAppDeletion(cm('a', 'Delete=confirm'), false)).toBe(AppDeletionDecision.AwaitApproval);
    expect(decideAppDeletion(cm('a', 'Delete=confirm'), true)).toBe(AppDeletionDecision.Delete);
    expect(decideAppDeletion(cm('a'), false)).toBe(AppDeletionDecision.Delete);
  });
});
