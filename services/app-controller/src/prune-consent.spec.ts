import { randomBytes } from 'node:crypto';
import { CoreV1Api, CustomObjectsApi } from '@kubernetes/client-node';
import { eventually } from '@fjord/devkit';
import type { Application } from '@fjord/argo';
import { startHarness, type ControllerHarness } from '../test/controller-harness';

// Issue 15: a sync never deletes what it was not asked to. On the real cluster, with the real repo-server and Git
// server: a manual sync without prune leaves an object whose file was removed in Git and reports it PruneSkipped,
// a sync with prune then deletes it; an automated sync with `prune: false` leaves it too; deleting an app with the
// resources finalizer keeps its `Delete=false` objects.

jest.setTimeout(240_000);
const suffix = randomBytes(3).toString('hex');
const cm = (name: string, value: string, syncOptions?: string) =>
  `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}${syncOptions ? `\n  annotations: {argocd.argoproj.io/sync-options: "${syncOptions}"}` : ''}\ndata: {v: "${value}"}\n`;

const stateOf = (a: Application) => a.status?.operationState;
const resultOf = (a: Application, name: string) => stateOf(a)?.syncResult?.resources?.find((r) => r.name === name);

let h: ControllerHarness;

beforeAll(async () => {
  h = await startHarness({
    'manual/app.yaml': cm('app', '1'),
    'manual/extra.yaml': cm('extra', '1'),
    'auto/app.yaml': cm('app', '1'),
    'auto/extra.yaml': cm('extra', '1'),
    'doomed/gone.yaml': cm('gone', '1'),
    'doomed/kept.yaml': cm('kept', '1', 'Delete=false'),
  });
});
afterAll(async () => {
  await h?.stop();
});

const spec = (path: string, namespace: string, syncPolicy: Record<string, unknown> = {}) => ({
  project: 'default',
  source: { repoURL: h.repoURL, targetRevision: 'HEAD', path },
  destination: { server: 'https://kubernetes.default.svc', namespace },
  syncPolicy: { syncOptions: ['CreateNamespace=true'], ...syncPolicy },
});
const sync = (prune: boolean) => ({ operation: { sync: { prune }, initiatedBy: { username: 'test' } } });
/** Asks for a sync of `name` (pruning or not) and waits until it has ended Succeeded at `revision`. */
async function syncSucceeded(name: string, o: { prune: boolean; revision: string }): Promise<Application> {
  await h.patchApp(name, sync(o.prune));
  return h.waitFor(
    name,
    (a) => {
      expect(a.operation).toBeUndefined();
      expect(stateOf(a)).toMatchObject({ phase: 'Succeeded', operation: { sync: { prune: o.prune } }, syncResult: { revision: o.revision } });
    },
    60_000,
  );
}
const refresh = { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'normal' } } };
const configMap = (name: string, namespace: string) => h.kc.makeApiClient(CoreV1Api).readNamespacedConfigMap({ name, namespace });

describe('a sync never deletes what it was not asked to', () => {
  it('a manual sync without prune keeps a resource removed from Git and says PruneSkipped; a sync with prune deletes it', async () => {
    const name = `manual-${suffix}`;
    h.removeOnStop(name);
    await h.createApp(name, spec('manual', name));
    await h.waitFor(name, (a) => expect(a.status?.sync?.status).toBe('OutOfSync'));
    await h.patchApp(name, sync(true));
    await h.waitFor(
      name,
      (a) => {
        expect(a.operation).toBeUndefined();
        expect(a.status?.sync?.status).toBe('Synced');
      },
      60_000,
    );

    const next = h.repo.commit({ 'manual/extra.yaml': null }, 'drop extra');
    await h.patchApp(name, refresh);
    await h.waitFor(name, (a) => {
      expect(a.status?.sync?.revision).toBe(next);
      expect(a.status?.sync?.status).toBe('OutOfSync');
    });
    const synced = await syncSucceeded(name, { prune: false, revision: next }); // `fjord app sync NAME`, no --prune
    expect(resultOf(synced, 'extra')).toMatchObject({ status: 'PruneSkipped', message: 'ignored (requires pruning)' });
    expect((await configMap('extra', name)).data).toEqual({ v: '1' });

    const pruned = await syncSucceeded(name, { prune: true, revision: next }); // `fjord app sync NAME --prune`
    expect(resultOf(pruned, 'extra')).toMatchObject({ status: 'Pruned' });
    await expect(configMap('extra', name)).rejects.toMatchObject({ code: 404 });
  });

  it('an automated sync with prune: false applies the change and keeps the resource removed from Git', async () => {
    const name = `auto-${suffix}`;
    h.removeOnStop(name);
    await h.createApp(name, spec('auto', name, { automated: { prune: false, selfHeal: false } }));
    await h.waitFor(name, (a) => expect(a.status?.sync?.status).toBe('Synced'), 60_000);

    const next = h.repo.commit({ 'auto/extra.yaml': null, 'auto/app.yaml': cm('app', '2') }, 'drop extra, change app');
    await h.patchApp(name, refresh);
    const app = await h.waitFor(name, (a) => expect(stateOf(a)).toMatchObject({ phase: 'Succeeded', syncResult: { revision: next } }), 60_000);
    expect(resultOf(app, 'extra')).toMatchObject({ status: 'PruneSkipped', message: 'ignored (requires pruning)' });
    expect((await configMap('app', name)).data).toEqual({ v: '2' });
    expect((await configMap('extra', name)).data).toEqual({ v: '1' });
  });

  it('deleting an app with the resources finalizer keeps its Delete=false resources', async () => {
    const name = `doomed-${suffix}`;
    h.removeOnStop(name);
    const api = h.kc.makeApiClient(CustomObjectsApi);
    const base = { group: 'argoproj.io', version: 'v1alpha1', namespace: h.fjordNs.name, plural: 'applications' };
    await api.createNamespacedCustomObject({
      ...base,
      body: {
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name, finalizers: ['resources-finalizer.argocd.argoproj.io'] },
        spec: spec('doomed', name, { automated: { prune: true } }),
      },
    });
    await h.waitFor(name, (a) => expect(a.status?.sync?.status).toBe('Synced'), 60_000);
    await api.deleteNamespacedCustomObject({ ...base, name });
    await eventually(
      async () => {
        await expect(h.getApp(name)).rejects.toMatchObject({ code: 404 });
      },
      { timeoutMs: 60_000, intervalMs: 250 },
    );
    await expect(configMap('gone', name)).rejects.toMatchObject({ code: 404 });
    expect((await configMap('kept', name)).data).toEqual({ v: '1' });
  });
});
