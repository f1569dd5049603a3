import { compare, liveOf, loadCorpusDir, loadTestdata, resourcesOnly, track } from '../test/fixtures';
import { drive, FakeCluster } from '../test/fake-cluster';
import { nextStep } from './next-step';
import { planSync, type PlanSyncInput } from './plan';
import { recordOutcome, resourcesFromResults, resultsFromResources } from './results';

const revision = '0123456789abcdef0123456789abcdef01234567';
const startedAt = '2026-11-29T10:00:00Z';

function planFor(objs: ReturnType<typeof loadCorpusDir>, extra: Partial<PlanSyncInput> & { live?: ReturnType<typeof liveOf>[] } = {}) {
  const desired = track(objs);
  return planSync({ desired, resources: compare(desired, extra.live ?? []), destinationNamespace: 'default', startedAt, operation: { revision }, ...extra });
}

describe('nextStep', () => {
  it('runs argocd-example-apps/sync-waves wave by wave, waiting for hooks and health in between', () => {
    const { trace, step } = drive(planFor(loadCorpusDir('argocd-example-apps/sync-waves')), new FakeCluster());
    expect(trace).toEqual([
      'PreSync/0: Job/upgrade-sql-schema0123456-presync-1795946400',
      'wait: waiting for completion of hook batch/Job/upgrade-sql-schema0123456-presync-1795946400',
      'Sync/0: Service/backend ReplicaSet/backend',
      'wait: waiting for healthy state of apps/ReplicaSet/backend',
      'Sync/1: Job/maint-page-up',
      'wait: waiting for completion of hook batch/Job/maint-page-up',
      'Sync/2: Service/frontend ReplicaSet/frontend',
      'wait: waiting for healthy state of apps/ReplicaSet/frontend',
      'Sync/3: Job/maint-page-down',
      'wait: waiting for completion of hook batch/Job/maint-page-down',
      'Succeeded: successfully synced (no more tasks)',
    ]);
    expect(step.kind === 'done' && step.cleanup.finalize.map((t) => t.key.name)).toEqual([
      'upgrade-sql-schema0123456-presync-1795946400',
      'maint-page-up',
      'maint-page-down',
    ]);
  });

  it('deletes HookSucceeded hooks when pre-post-sync succeeds', () => {
    const objs = [...loadCorpusDir('argocd-example-apps/pre-post-sync'), ...loadCorpusDir('argo-cd-e2e/sync-waves')];
    const { trace, results } = drive(planFor(objs), new FakeCluster());
    expect(trace).toEqual([
      'PreSync/0: Job/before',
      'wait: waiting for completion of hook batch/Job/before',
      'Sync/1: ConfigMap/cm-1',
      'Sync/2: ConfigMap/cm-2',
      'PostSync/0: Job/after',
      'wait: waiting for completion of hook batch/Job/after',
      'delete hook Job/before',
      'delete hook Job/after',
      'Succeeded: successfully synced (no more tasks)',
    ]);
    expect(resourcesFromResults(results).map((r) => `${r.syncPhase} ${r.kind}/${r.name} ${r.status} ${r.hookPhase} ${r.hookType ?? '-'}`)).toEqual([
      'PreSync Job/before Synced Succeeded PreSync',
      'Sync ConfigMap/cm-1 Synced Succeeded -',
      'Sync ConfigMap/cm-2 Synced Succeeded -',
      'PostSync Job/after Synced Succeeded PostSync',
    ]);
  });

  it('waits only for the hook when everything is in one wave (hook-and-deployment), not for the Deployment', () => {
    const { trace } = drive(planFor(loadCorpusDir('argo-cd-e2e/hook-and-deployment')), new FakeCluster());
    expect(trace).toEqual([
      'Sync/0: Deployment/my-deployment Job/my-hook',
      'wait: waiting for completion of hook batch/Job/my-hook',
      'Succeeded: successfully synced (no more tasks)',
    ]);
  });

  it('succeeds right after applying a last wave without hooks, as Argo CD does', () => {
    const { trace } = drive(planFor(resourcesOnly(loadTestdata('guestbook.yaml'))), new FakeCluster());
    expect(trace).toEqual([
      'Sync/0: ConfigMap/guestbook-config Service/guestbook-ui',
      'Sync/1: Deployment/guestbook-ui',
      'Succeeded: successfully synced (all tasks run)',
    ]);
  });

  it('fails on an apply error, runs the SyncFail hook, then deletes it (HookFailed)', () => {
    const cluster = new FakeCluster();
    cluster.rejected.set('guestbook-ui', 'Deployment.apps "guestbook-ui" is invalid: spec.replicas: Invalid value: -1');
    const plan = planFor(loadTestdata('guestbook.yaml').filter((o) => o.kind !== 'Service'));
    const { trace, results } = drive(plan, cluster);
    expect(trace).toEqual([
      'Sync/0: ConfigMap/guestbook-config',
      'Sync/1: Deployment/guestbook-ui',
      'SyncFail/0: Job/notify-failure',
      'wait: waiting for completion of hook batch/Job/notify-failure',
      'delete hook Job/notify-failure',
      'Failed: one or more objects failed to apply, reason: Deployment.apps "guestbook-ui" is invalid: spec.replicas: Invalid value: -1',
    ]);
    expect(results['apps/Deployment/default/guestbook-ui:Sync']).toMatchObject({ status: 'SyncFailed', hookPhase: 'Failed' });
  });

  it('fails when a hook fails and stops before the next wave', () => {
    const cluster = new FakeCluster();
    cluster.failing.add('maint-page-up');
    const { trace } = drive(planFor(loadCorpusDir('argocd-example-apps/sync-waves')), cluster);
    expect(trace.slice(4)).toEqual([
      'Sync/1: Job/maint-page-up',
      'wait: waiting for completion of hook batch/Job/maint-page-up',
      'Failed: one or more synchronization tasks completed unsuccessfully',
    ]);
  });

  it('deletes an existing hook before creating it again (BeforeHookCreation)', () => {
    const objs = loadCorpusDir('argo-cd-e2e/hook');
    const desired = track(objs);
    const oldHook = liveOf(desired[0], 'default', { phase: 'Succeeded' });
    const plan = planFor(objs, { live: [oldHook] });
    const cluster = new FakeCluster();
    cluster.put(
      plan.tasks.find((t) => t.hookType)!,
      oldHook,
    );
    const { trace } = drive(plan, cluster);
    expect(trace).toEqual([
      'Sync/0: -Pod/hook',
      'Sync/0: Pod/hook Pod/pod',
      'wait: waiting for completion of hook /Pod/hook',
      'Succeeded: successfully synced (no more tasks)',
    ]);
  });

  describe('prune', () => {
    const guestbook = resourcesOnly(loadTestdata('guestbook.yaml'));
    const old = loadTestdata('old-resources.yaml');
    const live = [...track(guestbook).map((o) => liveOf(o)), ...old];
    const prunePlan = () => planFor(guestbook, { live, operation: { revision, prune: true } });

    it('waits for Prune=confirm approval, then prunes in waves and waits for deletions', () => {
      const plan = prunePlan();
      const cluster = new FakeCluster();
      for (const t of plan.tasks) if (t.action === 'prune') cluster.put(t, structuredClone(t.live!));
      cluster.slowDeletes = true;
      // the first four steps; without approval it would wait on the PVC for ever
      expect(drive(plan, cluster, {}, {}, 4).trace).toEqual([
        'Sync/0: ConfigMap/guestbook-config -ConfigMap/legacy-config Service/guestbook-ui',
        'wait: waiting for deletion of /ConfigMap/legacy-config',
        'wait: waiting for pruning confirmation of /PersistentVolumeClaim/data',
        'wait: waiting for pruning confirmation of /PersistentVolumeClaim/data',
      ]);
    });

    it('prunes everything once approved, PruneLast at the end', () => {
      const { trace, results } = drive(prunePlan(), new FakeCluster(), { pruneConfirmed: true });
      expect(trace).toEqual([
        'Sync/0: ConfigMap/guestbook-config -ConfigMap/legacy-config Service/guestbook-ui',
        'Sync/1: -Secret/keep-me -PersistentVolumeClaim/data Deployment/guestbook-ui',
        'wait: waiting for healthy state of apps/Deployment/guestbook-ui',
        'Sync/2: -Service/legacy-svc',
        'Succeeded: successfully synced (all tasks run)',
      ]);
      expect(results['/Secret/default/keep-me:Sync']).toMatchObject({ status: 'PruneSkipped', message: 'ignored (no prune)', hookPhase: 'Succeeded' });
      expect(results['/ConfigMap/default/legacy-config:Sync']).toMatchObject({ status: 'Pruned', message: 'pruned' });
    });
  });

  it('runs a dry run through every wave without waiting', () => {
    const plan = planFor(loadCorpusDir('argocd-example-apps/sync-waves'), { operation: { revision, dryRun: true } });
    const { trace, results } = drive(plan, new FakeCluster());
    expect(trace).toHaveLength(6);
    expect(trace[5]).toBe('Succeeded: successfully synced (no more tasks)');
    expect(Object.values(results).every((r) => r.hookPhase === 'Succeeded' && r.message?.endsWith('(dry run)'))).toBe(true);
  });

  it('leaves Synced resources alone with ApplyOutOfSyncOnly', () => {
    const guestbook = resourcesOnly(loadTestdata('guestbook.yaml'));
    const live = track(guestbook).map((o) => liveOf(o));
    live[0] = { ...live[0], data: { greeting: 'drifted' } };
    const { trace } = drive(planFor(guestbook, { live, operation: { revision, syncOptions: ['ApplyOutOfSyncOnly=true'] } }), new FakeCluster());
    expect(trace).toEqual(['Sync/0: ConfigMap/guestbook-config', 'Succeeded: successfully synced (all tasks run)']);
  });

  it('resumes from persisted syncResult.resources after a restart', () => {
    const plan = planFor(loadCorpusDir('argocd-example-apps/sync-waves'));
    const cluster = new FakeCluster();
    let results = {};
    const first = nextStep(plan, results, { live: (t) => cluster.get(t) });
    if (first.kind !== 'apply') throw new Error('expected apply');
    for (const t of first.tasks) results = recordOutcome(results, t, { error: cluster.apply(t) }, false);
    const persisted = JSON.parse(JSON.stringify(resourcesFromResults(results)));
    const replanned = planFor(loadCorpusDir('argocd-example-apps/sync-waves'));
    cluster.tick();
    const resumed = drive(replanned, cluster, {}, resultsFromResources(persisted));
    expect(resumed.trace[0]).toBe('Sync/0: Service/backend ReplicaSet/backend');
    expect(resumed.step).toMatchObject({ kind: 'done', phase: 'Succeeded' });
  });
});
