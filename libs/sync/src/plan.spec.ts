import type { KubeObject } from '@fjord/k8s-yaml';
import { compare, liveOf, loadTestdata, resourcesOnly, track } from '../test/fixtures';
import { planSync, type PlanSyncInput } from './plan';
import type { SyncTask } from './task';

const startedAt = '2026-11-29T10:00:00Z';
const order = (tasks: readonly SyncTask[]) => tasks.map((t) => `${t.phase}/${t.wave} ${t.action === 'prune' ? 'prune ' : ''}${t.key.kind}/${t.key.name}`);

const guestbook = track(loadTestdata('guestbook.yaml'));
const oldLive = loadTestdata('old-resources.yaml');

function plan(overrides: Partial<PlanSyncInput> & { live?: ReturnType<typeof liveOf>[] } = {}) {
  const desired = overrides.desired ?? guestbook;
  const resources = overrides.resources ?? compare(desired, overrides.live ?? []);
  return planSync({ desired, resources, destinationNamespace: 'default', operation: {}, startedAt, ...overrides });
}

describe('planSync', () => {
  it('hoists a CRD and a Namespace ahead of their first user, into its phase and wave', () => {
    const desired = track(loadTestdata('crd-namespace.yaml'), 'crons', 'team');
    const p = plan({ desired, destinationNamespace: 'team' });
    expect(order(p.tasks)).toEqual([
      'Sync/-1 Namespace/team',
      'Sync/-1 ConfigMap/settings',
      'Sync/0 CustomResourceDefinition/crontabs.stable.example.com',
      'Sync/0 CronTab/my-crontab',
    ]);
  });

  it('keeps SyncFail hooks apart and resolves per-resource options over app options', () => {
    const p = plan({ operation: { syncOptions: ['ServerSideApply=true', 'Validate=true'] } });
    expect(order(p.tasks)).toEqual(['Sync/0 ConfigMap/guestbook-config', 'Sync/0 Service/guestbook-ui', 'Sync/1 Deployment/guestbook-ui']);
    expect(order(p.syncFailTasks)).toEqual(['SyncFail/0 Job/notify-failure']);
    const [cm, svc, deploy] = p.tasks;
    expect(cm.applyOptions).toMatchObject({ serverSideApply: true, validate: true, replace: false });
    expect(svc.applyOptions).toMatchObject({ serverSideApply: false, validate: false });
    expect(deploy.applyOptions).toMatchObject({ serverSideApply: true, replace: true });
  });

  it('uses the app syncOptions when the operation carries none', () => {
    expect(plan({ appSyncOptions: ['ApplyOutOfSyncOnly=true'] }).applyOutOfSyncOnly).toBe(true);
    expect(plan({ appSyncOptions: ['ApplyOutOfSyncOnly=true'], operation: { syncOptions: [] } }).applyOutOfSyncOnly).toBe(false);
  });

  it('marks Synced resources so ApplyOutOfSyncOnly can skip them', () => {
    const live = resourcesOnly(guestbook).map((o) => liveOf(o));
    live[0] = { ...live[0], data: { greeting: 'changed' } };
    const p = plan({ live, operation: { syncOptions: ['ApplyOutOfSyncOnly=true'] } });
    expect(p.tasks.map((t) => [t.key.name, t.synced])).toEqual([
      ['guestbook-config', false],
      ['guestbook-ui', true],
      ['guestbook-ui', true],
    ]);
  });

  describe('prune', () => {
    const live = [...resourcesOnly(guestbook).map((o) => liveOf(o)), ...oldLive];

    it('plans prune tasks for tracked, unwanted resources: prune waves mirrored (wave 1 first), PruneLast after the last wave', () => {
      const p = plan({ live, operation: { prune: true } });
      expect(order(p.tasks)).toEqual([
        'Sync/0 ConfigMap/guestbook-config',
        'Sync/0 prune ConfigMap/legacy-config',
        'Sync/0 Service/guestbook-ui',
        'Sync/1 prune Secret/keep-me',
        'Sync/1 prune PersistentVolumeClaim/data',
        'Sync/1 Deployment/guestbook-ui',
        'Sync/2 prune Service/legacy-svc',
      ]);
      const byName = Object.fromEntries(p.tasks.filter((t) => t.action === 'prune').map((t) => [t.key.name, t]));
      expect(byName['keep-me'].pruneSkipMessage).toBe('ignored (no prune)');
      expect(byName['data'].pruneMode).toBe('confirm');
      expect(byName['legacy-config'].pruneSkipMessage).toBeUndefined();
    });

    it('reports every prune as PruneSkipped when the operation does not prune', () => {
      const p = plan({ live, operation: {} });
      expect(p.tasks.filter((t) => t.action === 'prune').map((t) => t.pruneSkipMessage)).toEqual(Array(4).fill('ignored (requires pruning)'));
    });

    it('lets an app-level Prune=false be overridden by a resource Prune=true', () => {
      const opted = structuredClone(oldLive[0]);
      (opted.metadata!.annotations as Record<string, string>)['argocd.argoproj.io/sync-options'] = 'Prune=true';
      const p = plan({ live: [opted, oldLive[2]], operation: { prune: true, syncOptions: ['Prune=false', 'PrunePropagationPolicy=background'] } });
      const prunes = p.tasks.filter((t) => t.action === 'prune');
      expect(prunes.map((t) => [t.key.name, t.pruneSkipMessage ?? 'prune', t.propagationPolicy])).toEqual([
        ['legacy-config', 'prune', 'background'],
        ['legacy-svc', 'ignored (no prune)', 'background'],
      ]);
    });
  });

  describe('CreateNamespace', () => {
    const desired = resourcesOnly(guestbook);

    it('creates the missing destination namespace first, in PreSync, with managed metadata', () => {
      const p = plan({
        desired,
        destinationNamespace: 'guestbook',
        operation: { syncOptions: ['CreateNamespace=true'] },
        managedNamespaceMetadata: { labels: { team: 'web' }, annotations: { owner: 'web@example.com' } },
      });
      expect(order(p.tasks)[0]).toBe('PreSync/0 Namespace/guestbook');
      expect(p.tasks[0]).toMatchObject({ createsNamespace: true, applyOptions: { serverSideApply: true } });
      expect(p.tasks[0].target).toEqual({
        apiVersion: 'v1',
        kind: 'Namespace',
        metadata: {
          name: 'guestbook',
          labels: { team: 'web' },
          annotations: { owner: 'web@example.com', 'argocd.argoproj.io/sync-options': 'ServerSideApply=true' },
        },
      });
    });

    it('adds nothing when the namespace exists without managed metadata, or the app declares it', () => {
      const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'guestbook' } };
      const opts = { syncOptions: ['CreateNamespace=true'] };
      expect(plan({ desired, destinationNamespace: 'guestbook', operation: opts, liveNamespace: ns }).tasks.some((t) => t.createsNamespace)).toBe(false);
      expect(plan({ desired: [...desired, ns], destinationNamespace: 'guestbook', operation: opts }).tasks.some((t) => t.createsNamespace)).toBe(false);
    });
  });

  it('runs no hooks with the apply strategy', () => {
    const p = plan({ operation: { strategy: 'apply' } });
    expect(p.skipHooks).toBe(true);
    expect(p.syncFailTasks).toEqual([]);
  });

  it('syncs only the named resources, without hooks, in a selective sync', () => {
    const live = [...oldLive];
    const p = plan({
      live,
      operation: {
        prune: true,
        resources: [
          { kind: 'Deployment', group: 'apps', name: 'guestbook-ui' },
          { kind: 'ConfigMap', name: 'legacy-config', namespace: 'default' },
        ],
      },
    });
    expect(order(p.tasks)).toEqual(['Sync/1 prune ConfigMap/legacy-config', 'Sync/1 Deployment/guestbook-ui']);
    expect(p.syncFailTasks).toEqual([]);
  });

  it('orders unknown kinds after known ones, then by name', () => {
    const objs = ['Widget/b', 'Gadget/a', 'Job/z', 'Namespace/n'].map((s) => {
      const [kind, name] = s.split('/');
      return { apiVersion: kind === 'Job' ? 'batch/v1' : kind === 'Namespace' ? 'v1' : 'example.com/v1', kind, metadata: { name } };
    });
    expect(order(plan({ desired: objs }).tasks)).toEqual(['Sync/0 Namespace/n', 'Sync/0 Job/z', 'Sync/0 Gadget/a', 'Sync/0 Widget/b']);
  });
});

describe('planSync with RespectIgnoreDifferences=true', () => {
  const ignoreDifferences = [
    { group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] },
    { kind: 'ConfigMap', jqPathExpressions: ['.data.greeting'] },
  ];
  const live = resourcesOnly(guestbook).map((o) => liveOf(o));
  live[0] = { ...live[0], data: { greeting: 'edited in the cluster' } };
  live[2] = { ...live[2], spec: { ...(live[2].spec as object), replicas: 4 } };
  const byKey = new Map(live.map((o) => [`${o.kind}/${o.metadata?.name}`, o]));
  const liveObject = (key: { kind: string; name: string }) => byKey.get(`${key.kind}/${key.name}`);
  const specOf = (o: KubeObject | undefined) => (o?.spec ?? {}) as Record<string, unknown>;
  const targets = (syncOptions: string[]) =>
    Object.fromEntries(plan({ live, ignoreDifferences, liveObject, operation: { syncOptions } }).tasks.map((t) => [t.key.kind, t.target]));

  it('applies the live values of ignored fields and Git values of all others', () => {
    const t = targets(['RespectIgnoreDifferences=true']);
    expect(t.ConfigMap?.data).toEqual({ greeting: 'edited in the cluster' });
    expect(specOf(t.Deployment).replicas).toBe(4);
    expect(specOf(t.Deployment).template).toEqual(specOf(guestbook[2]).template);
    expect(t.Service).toEqual(expect.objectContaining({ spec: guestbook[1].spec }));
  });

  it('applies Git values without the option, and for resources that do not exist yet', () => {
    const t = targets([]);
    expect(t.ConfigMap?.data).toEqual({ greeting: 'hello' });
    expect(specOf(t.Deployment).replicas).toBe(1);
    const fresh = plan({ ignoreDifferences, liveObject: () => undefined, operation: { syncOptions: ['RespectIgnoreDifferences=true'] } });
    expect(fresh.tasks.find((x) => x.key.kind === 'ConfigMap')?.target?.data).toEqual({ greeting: 'hello' });
  });
});
