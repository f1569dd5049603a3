import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { CoreV1Api } from '@kubernetes/client-node';
import type { Application } from './application';
import { startHarness, type ControllerHarness } from '../test/controller-harness';

// Issue 16: a sync renders and compares exactly what the status path does. On the real cluster, with the real
// repo-server and Git server: an automated app with two sources and prune syncs both sources' objects, and stays
// Synced through a hard refresh and resyncs, without pruning and re-creating the second source's objects.

jest.setTimeout(240_000);
const suffix = randomBytes(3).toString('hex');
const cm = (name: string, value: string) => `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ${name}\ndata: {v: "${value}"}\n`;
const service = (name: string) =>
  `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  ports: [{port: 80, targetPort: 8080}]\n  selector: {app: ${name}}\n`;

let h: ControllerHarness;
const namespaces: string[] = [];

beforeAll(async () => {
  h = await startHarness({
    'two/base/app.yaml': cm('first', '1'),
    'two/base/web.yaml': service('web'),
    'two/extra/second.yaml': cm('second', '1'),
  });
});
afterAll(async () => {
  await h?.stop();
  for (const name of namespaces) await h?.kc.makeApiClient(CoreV1Api).deleteNamespace({ name }).catch(() => undefined);
});

const uids = async (namespace: string) => {
  const core = h.kc.makeApiClient(CoreV1Api);
  const [first, web, second] = await Promise.all([
    core.readNamespacedConfigMap({ name: 'first', namespace }),
    core.readNamespacedService({ name: 'web', namespace }),
    core.readNamespacedConfigMap({ name: 'second', namespace }),
  ]);
  return { first: first.metadata?.uid, web: web.metadata?.uid, second: second.metadata?.uid };
};

describe('a multi-source app syncs what its status compares', () => {
  it('an automated app with two sources and prune syncs both and stays Synced through a hard refresh and resyncs', async () => {
    const name = `multi-${suffix}`;
    namespaces.push(name);
    await h.createApp(name, {
      project: 'default',
      sources: [
        { repoURL: h.repoURL, targetRevision: 'HEAD', path: 'two/base' },
        { repoURL: h.repoURL, targetRevision: 'HEAD', path: 'two/extra' },
      ],
      destination: { server: 'https://kubernetes.default.svc', namespace: name },
      syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] },
    });
    const synced = (a: Application) => {
      expect(a.operation).toBeUndefined();
      expect(a.status?.sync?.status).toBe('Synced');
      expect(a.status?.health?.status).toBe('Healthy');
    };
    await h.waitFor(name, synced, 60_000);
    const before = await uids(name);

    await h.patchApp(name, { metadata: { annotations: { 'argocd.argoproj.io/refresh': 'hard' } } });
    for (let i = 0; i < 8; i++) {
      await sleep(500);
      h.controller.refreshAll();
    }
    const app = await h.waitFor(name, (a) => {
      synced(a);
      expect(a.metadata.annotations?.['argocd.argoproj.io/refresh']).toBeUndefined();
    });
    expect(await uids(name)).toEqual(before);
    expect(app.status?.history).toHaveLength(1);
    expect(app.status?.history?.[0]).toMatchObject({ revisions: [expect.any(String), expect.any(String)], sources: [{ path: 'two/base' }, { path: 'two/extra' }] });
  });
});
