import { buildKustomization } from '@fjord/kustomize';
import { DiskFileSystem } from '@fjord/repo-fs';
import { join } from 'node:path';
import { CORPUS, compare, liveOf, loadCorpusDir, resourcesOnly, track } from '../test/fixtures';
import { planSync } from './plan';
import type { SyncTask } from './task';

const startedAt = new Date('2026-11-29T10:00:00Z');
const revision = '0123456789abcdef0123456789abcdef01234567';

/** `phase/wave kind/name` of each task, the shape Argo CD's docs describe orders in. */
const order = (tasks: readonly SyncTask[]) => tasks.map((t) => `${t.phase}/${t.wave} ${t.action === 'prune' ? 'prune ' : ''}${t.key.kind}/${t.key.name}`);

function planFresh(objs: ReturnType<typeof loadCorpusDir>, namespace = 'default') {
  const desired = track(objs, 'guestbook', namespace);
  return planSync({ desired, resources: compare(desired, []), destinationNamespace: namespace, operation: { revision }, startedAt });
}

describe('planSync on the Argo CD corpus', () => {
  const cases: { app: string; expected: string[]; syncFail?: string[] }[] = [
    { app: 'argo-cd-e2e/sync-waves', expected: ['Sync/1 ConfigMap/cm-1', 'Sync/2 ConfigMap/cm-2'] },
    { app: 'argo-cd-e2e/hook', expected: ['Sync/0 Pod/hook', 'Sync/0 Pod/pod'] },
    { app: 'argo-cd-e2e/hook-and-deployment', expected: ['Sync/0 Deployment/my-deployment', 'Sync/0 Job/my-hook'] },
    {
      app: 'argo-cd-e2e/syncwaves-prune-order',
      expected: [
        'Sync/0 ServiceAccount/modify-pods-sa',
        'Sync/0 Role/modify-pods-role',
        'Sync/1 RoleBinding/modify-pods-rolebinding',
        'Sync/2 Pod/pod-with-finalizers',
      ],
    },
    {
      app: 'argo-cd-e2e/multi-namespace-hook',
      expected: ['Sync/0 Namespace/test-multi-ns-hook-second', 'Sync/0 Deployment/nginx-deployment', 'PostSync/0 Pod/my-hook', 'PostSync/0 Pod/my-hook'],
    },
    { app: 'argo-cd-e2e/pre-delete-hook', expected: ['Sync/0 ConfigMap/guestbook-ui'] },
    { app: 'argo-cd-e2e/post-delete-hook', expected: [] },
    { app: 'argo-cd-e2e/cluster-role-hook', expected: ['PreSync/0 ClusterRoleBinding/my-cluster-role-binding', 'Sync/0 Pod/my-pod'] },
    {
      app: 'argocd-example-apps/sync-waves',
      expected: [
        'PreSync/0 Job/upgrade-sql-schema0123456-presync-1795946400',
        'Sync/0 Service/backend',
        'Sync/0 ReplicaSet/backend',
        'Sync/1 Job/maint-page-up',
        'Sync/2 Service/frontend',
        'Sync/2 ReplicaSet/frontend',
        'Sync/3 Job/maint-page-down',
      ],
    },
    {
      app: 'argocd-example-apps/helm-hooks',
      expected: [
        'PreSync/-2 Job/upgrade-sql-schema0123456-presync-1795946400',
        'PreSync/-1 Job/maint-page-up',
        'Sync/0 ReplicaSet/frontend',
        'Sync/2 Service/frontend',
        'PostSync/0 Job/maint-page-down',
      ],
    },
  ];

  it.each(cases)('$app runs in the order Argo CD documents', ({ app, expected }) => {
    const plan = planFresh(loadCorpusDir(app));
    expect(order(plan.tasks)).toEqual(expected);
    expect(plan.syncFailTasks).toEqual([]);
  });

  it('pre-post-sync (kustomize over kustomize-guestbook): PreSync job, the guestbook, then the PostSync job', () => {
    const objs = buildKustomization(new DiskFileSystem(join(CORPUS, 'argocd-example-apps')), 'pre-post-sync');
    const plan = planFresh(objs);
    expect(order(plan.tasks)).toEqual([
      'PreSync/0 Job/pre-post-sync-before',
      'Sync/0 Service/pre-post-sync-kustomize-guestbook-ui',
      'Sync/0 Deployment/pre-post-sync-kustomize-guestbook-ui',
      'PostSync/0 Job/pre-post-sync-after',
    ]);
    const [before, , , after] = plan.tasks;
    expect(before.deletePolicies).toEqual(['HookSucceeded']);
    expect(after.hookType).toBe('PostSync');
  });

  it('gives generateName hooks a stable name, the hook finalizer, and no generateName', () => {
    const plan = planFresh(loadCorpusDir('argocd-example-apps/sync-waves'));
    const job = plan.tasks[0];
    expect(job.target?.metadata).toMatchObject({
      name: 'upgrade-sql-schema0123456-presync-1795946400',
      namespace: 'default',
      finalizers: ['argocd.argoproj.io/hook-finalizer'],
    });
    expect(job.target?.metadata?.generateName).toBeUndefined();
    expect(job.deletePolicies).toEqual(['BeforeHookCreation']);
    expect(planFresh(loadCorpusDir('argocd-example-apps/sync-waves')).tasks[0].id).toBe(job.id);
  });

  it('maps Helm delete policies and weights (helm-hooks)', () => {
    const plan = planFresh(loadCorpusDir('argocd-example-apps/helm-hooks'));
    const up = plan.tasks.find((t) => t.key.name === 'maint-page-up')!;
    expect(up).toMatchObject({ phase: 'PreSync', wave: -1, hookType: 'PreSync', deletePolicies: ['BeforeHookCreation'] });
  });

  it('keeps the two same-named PostSync hooks of multi-namespace-hook apart by namespace', () => {
    const plan = planFresh(loadCorpusDir('argo-cd-e2e/multi-namespace-hook'), 'test-multi-ns-hook');
    const hooks = plan.tasks.filter((t) => t.hookType);
    expect(hooks.map((t) => t.id)).toEqual(['/Pod/test-multi-ns-hook/my-hook:PostSync', '/Pod/test-multi-ns-hook-second/my-hook:PostSync']);
    expect(hooks.every((t) => t.deletePolicies.join() === 'HookSucceeded')).toBe(true);
  });

  it('prunes syncwaves-prune-order in the reverse of its creation order', () => {
    const desired = track(loadCorpusDir('argo-cd-e2e/syncwaves-prune-order'));
    const live = desired.map((o) => liveOf(o));
    const plan = planSync({ desired: [], resources: compare([], live), destinationNamespace: 'default', operation: { prune: true }, startedAt });
    expect(order(plan.tasks)).toEqual([
      'Sync/0 prune Pod/pod-with-finalizers',
      'Sync/1 prune RoleBinding/modify-pods-rolebinding',
      'Sync/2 prune ServiceAccount/modify-pods-sa',
      'Sync/2 prune Role/modify-pods-role',
    ]);
    expect(plan.tasks.every((t) => t.propagationPolicy === 'foreground' && t.pruneSkipMessage === undefined)).toBe(true);
  });

  it('does not plan PreDelete/PostDelete hooks, which run on app deletion', () => {
    const objs = loadCorpusDir('argo-cd-e2e/pre-delete-hook');
    expect(resourcesOnly(objs)).toHaveLength(1);
    expect(planFresh(objs).tasks.some((t) => t.hookType)).toBe(false);
  });
});
