import { toLiveNode, type LiveNode } from './live-node';
import { ResourceStore } from './resource-store';
import { formatTrackingId, TRACKING_ANNOTATION } from '@fjord/argo';
import { ChangeType, type ApiResourceInfo, type KubeObject } from './types';

// The store's indexes: relists that find objects gone, nearest tracked ancestors, and trees.

const info = (group: string, kind: string, namespaced = true): ApiResourceInfo => ({
  group,
  version: 'v1',
  kind,
  plural: `${kind.toLowerCase()}s`,
  namespaced,
  verbs: ['list', 'watch'],
});
const DEPLOY = info('apps', 'Deployment');
const RS = info('apps', 'ReplicaSet');
const POD = info('', 'Pod');
const opts = { trackingAnnotation: TRACKING_ANNOTATION, assessHealth: (o: KubeObject) => ({ status: o.kind === 'Pod' ? 'Healthy' : 'Progressing' }) };

function node(kind: ApiResourceInfo, name: string, rv: string, extra: { app?: string; owner?: LiveNode; image?: string } = {}): LiveNode {
  const key = { group: kind.group, kind: kind.kind, namespace: 'ns', name };
  const obj: KubeObject = {
    metadata: {
      name,
      namespace: 'ns',
      uid: `uid-${kind.kind}-${name}`,
      resourceVersion: rv,
      annotations: extra.app ? { [TRACKING_ANNOTATION]: formatTrackingId(extra.app, key) } : undefined,
      ownerReferences: extra.owner
        ? [
            {
              apiVersion: extra.owner.key.group ? `${extra.owner.key.group}/v1` : 'v1',
              kind: extra.owner.key.kind,
              name: extra.owner.key.name,
              uid: extra.owner.uid,
            },
          ]
        : undefined,
    },
    spec: extra.image ? { containers: [{ name: 'c', image: extra.image }] } : {},
  };
  return toLiveNode(obj, kind, opts);
}

describe('ResourceStore', () => {
  it('reports added, modified (only when the resourceVersion moves) and deleted, with the app', () => {
    const store = new ResourceStore();
    expect(store.upsert(node(DEPLOY, 'web', '1', { app: 'shop' }))).toMatchObject({ type: ChangeType.Added, apps: ['shop'] });
    expect(store.upsert(node(DEPLOY, 'web', '1', { app: 'shop' }))).toBeUndefined();
    expect(store.upsert(node(DEPLOY, 'web', '2', { app: 'shop' }))).toMatchObject({ type: ChangeType.Modified, apps: ['shop'] });
    expect(store.trackedCount).toBe(1);
    expect(store.remove('apps/Deployment/ns/web')).toMatchObject({ type: ChangeType.Deleted, apps: ['shop'] });
    expect(store.trackedCount).toBe(0);
    expect(store.size).toBe(0);
  });

  it('notifies both apps when a resource moves from one app to another', () => {
    const store = new ResourceStore();
    store.upsert(node(DEPLOY, 'web', '1', { app: 'old' }));
    expect(store.upsert(node(DEPLOY, 'web', '2', { app: 'new' }))?.apps.sort()).toEqual(['new', 'old']);
    expect(store.managedBy('old')).toEqual([]);
    expect(store.managedBy('new')).toHaveLength(1);
  });

  it('attributes an untracked descendant to the app of its nearest tracked ancestor, whatever the arrival order', () => {
    const store = new ResourceStore();
    const deploy = node(DEPLOY, 'web', '1', { app: 'shop' });
    const rs = node(RS, 'web-1', '1', { owner: deploy });
    const pod = node(POD, 'web-1-a', '1', { owner: rs, image: 'nginx:1' });
    expect(store.upsert(pod)?.apps).toEqual([]);
    store.upsert(rs);
    store.upsert(deploy);
    expect(store.upsert(node(POD, 'web-1-a', '2', { owner: rs, image: 'nginx:1' }))?.apps).toEqual(['shop']);
    const tree = store.tree('shop');
    expect(tree.map((n) => n.key.kind).sort()).toEqual(['Deployment', 'Pod', 'ReplicaSet']);
    expect(tree.find((n) => n.key.kind === 'Pod')).toMatchObject({ parents: [rs.key], images: ['nginx:1'], health: { status: 'Healthy' } });
  });

  it('leaves children tracked by another app out of a tree, and names owners it has not seen', () => {
    const store = new ResourceStore((group, kind) => !(group === '' && kind === 'Namespace'));
    const deploy = node(DEPLOY, 'web', '1', { app: 'shop' });
    store.upsert(deploy);
    store.upsert(node(RS, 'adopted', '1', { app: 'other', owner: deploy }));
    expect(store.tree('shop').map((n) => n.key.name)).toEqual(['web']);
    const orphan = node(POD, 'p', '1', { owner: node(info('', 'Namespace', false), 'gone', '1') });
    store.upsert(orphan);
    expect(store.tree('x')).toEqual([]);
    expect(store.get(orphan.id)).toBeDefined();
  });

  it('applies a relist: updates what changed and deletes what vanished during the gap', () => {
    const store = new ResourceStore();
    store.upsert(node(DEPLOY, 'a', '1', { app: 'shop' }));
    store.upsert(node(DEPLOY, 'b', '1', { app: 'shop' }));
    store.upsert(node(RS, 'other-kind', '1'));
    const changes = store.replaceKind('Deployment.apps', [node(DEPLOY, 'a', '1', { app: 'shop' }), node(DEPLOY, 'c', '5', { app: 'shop' })]);
    expect(changes.map((c) => `${c.type}:${c.key.name}`).sort()).toEqual(['added:c', 'deleted:b']);
    expect(store.size).toBe(3);
    expect(store.removeKind('Deployment.apps')).toHaveLength(2);
    expect(store.managedBy('shop')).toEqual([]);
  });
});
