import { CoreV1Api } from '@kubernetes/client-node';
import { eventually, testKubeConfig, useTestNamespace } from '@fjord/devkit';
import { Semaphore } from '@fjord/platform';
import { KindWatcher, WatchEventType, type KindSink } from './kind-watcher';
import { KubeClient } from './kube-client';
import { deletedKey, toLiveNode } from './live-node';
import { keyString, TRACKING_ANNOTATION } from '@fjord/argo';
import { ResourceStore } from './resource-store';
import type { ApiResourceInfo } from './types';

// One kind's list+watch loop against the real API server, through both recovery paths: a dropped connection
// (watch again from the last resourceVersion, no relist) and an expired resourceVersion (410 Gone: list again,
// deleting what vanished meanwhile).

jest.setTimeout(30_000);
const kc = testKubeConfig();
const core = kc.makeApiClient(CoreV1Api);
const CONFIG_MAPS: ApiResourceInfo = { group: '', version: 'v1', kind: 'ConfigMap', plural: 'configmaps', namespaced: true, verbs: ['list', 'watch'] };
const SILENT = { info() {}, warn() {}, debug() {} };

describe('KindWatcher', () => {
  const ns = useTestNamespace('watcher');
  const store = new ResourceStore();
  const sink: KindSink = {
    toNode: (info, obj) => toLiveNode(obj, info, { trackingAnnotation: TRACKING_ANNOTATION }),
    replaceKind: (_info, nodes) => void store.replaceKind('ConfigMap', nodes),
    applyEvent: (info, type, obj) =>
      void (type === WatchEventType.Deleted ? store.remove(keyString(deletedKey(obj, info))) : store.upsert(sink.toNode(info, obj))),
    kindMissing: () => undefined,
  };
  const has = (name: string) => store.get(keyString({ group: '', kind: 'ConfigMap', namespace: ns(), name })) !== undefined;
  const client = new KubeClient(kc);
  const watcher = new KindWatcher(CONFIG_MAPS, {
    client,
    sink,
    logger: SILENT,
    listLimiter: new Semaphore(1),
    pageSize: 50,
    resyncMs: 0,
    quietFirstList: true,
  });

  afterAll(async () => {
    await watcher.stop();
    client.close();
  });

  it('lists, then follows the watch', async () => {
    await core.createNamespacedConfigMap({ namespace: ns(), body: { metadata: { name: 'first' } } });
    watcher.start();
    await watcher.synced;
    expect(has('first')).toBe(true);
    await core.createNamespacedConfigMap({ namespace: ns(), body: { metadata: { name: 'second' } } });
    await eventually(() => expect(has('second')).toBe(true));
    expect(watcher.relists).toBe(0);
  });

  it('resumes a dropped watch from its last resourceVersion without listing again', async () => {
    await eventually(() => expect(watcher.watching).toBe(true));
    watcher.restart({ resumeFrom: watcher.resourceVersion });
    await core.createNamespacedConfigMap({ namespace: ns(), body: { metadata: { name: 'third' } } });
    await eventually(() => expect(has('third')).toBe(true));
    expect(watcher.relists).toBe(0);
  });

  it('recovers from a stale resourceVersion, dropping objects deleted meanwhile', async () => {
    await core.deleteNamespacedConfigMap({ name: 'first', namespace: ns() });
    await eventually(() => expect(has('first')).toBe(false));
    // Forget that deletion, then resume from resourceVersion 1. A server whose watch window no longer holds it
    // answers 410 Gone and the watcher lists again; a fresh server (as in CI) replays the events since instead,
    // deletion included. Either way the cache must end up equal to the cluster.
    store.upsert(sink.toNode(CONFIG_MAPS, { metadata: { name: 'first', namespace: ns(), uid: 'stale', resourceVersion: '1' } }));
    watcher.restart({ resumeFrom: '1' });
    await eventually(
      () => {
        expect(has('first')).toBe(false);
        expect(has('second') && has('third')).toBe(true);
      },
      { timeoutMs: 20_000 },
    );
  });
});
