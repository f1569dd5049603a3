import { imagesOf, toLiveNode } from './live-node';
import { TRACKING_ANNOTATION } from '@fjord/argo';

describe('live nodes', () => {
  it('collect the images of pods, workload templates and cron jobs', () => {
    const pod = { spec: { initContainers: [{ image: 'init:1' }], containers: [{ image: 'app:1' }, { image: 'app:1' }] } };
    expect(imagesOf(pod)).toEqual(['init:1', 'app:1']);
    expect(imagesOf({ spec: { template: pod } })).toEqual(['init:1', 'app:1']);
    expect(imagesOf({ spec: { jobTemplate: { spec: { template: pod } } } })).toEqual(['init:1', 'app:1']);
    expect(imagesOf({ data: { a: 'b' } })).toEqual([]);
  });

  it('keep the body of a tracked object only, and survive a failing health check', () => {
    const info = { group: '', version: 'v1', kind: 'Secret', plural: 'secrets', namespaced: true, verbs: [] };
    const meta = { name: 's', namespace: 'ns', uid: 'u', resourceVersion: '7', creationTimestamp: '2026-01-01T00:00:00Z' };
    const failing = () => {
      throw new Error('boom');
    };
    const untracked = toLiveNode({ metadata: meta, data: { k: 'djE=' } }, info, { trackingAnnotation: TRACKING_ANNOTATION, assessHealth: failing });
    expect(untracked).toMatchObject({ id: '/Secret/ns/s', uid: 'u', resourceVersion: '7', createdAt: '2026-01-01T00:00:00Z', health: { status: 'Unknown' } });
    expect(untracked.object).toBeUndefined();
    const annotations = { [TRACKING_ANNOTATION]: 'shop:/Secret:ns/s' };
    const tracked = toLiveNode({ metadata: { ...meta, annotations } }, info, { trackingAnnotation: TRACKING_ANNOTATION });
    expect(tracked.app).toBe('shop');
    expect(tracked.object).toMatchObject({ apiVersion: 'v1', kind: 'Secret' });
  });
});
