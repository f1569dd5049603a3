import { getTracking, refersTo, setTracking, trackingId } from './index';

const deploy = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' } };
const ns = { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } };

describe('tracking ids', () => {
  it('builds <app>:<group>/<kind>:<namespace>/<name>, the destination namespace filling in for objects without one', () => {
    expect(trackingId('shop', deploy)).toBe('shop:apps/Deployment:shop/web');
    expect(trackingId('shop', ns, 'shop-prod')).toBe('shop:/Namespace:shop-prod/shop');
  });

  it('reads the id on an object, and nothing from a malformed one', () => {
    const annotated = (id: string) => ({ ...deploy, metadata: { ...deploy.metadata, annotations: { 'argocd.argoproj.io/tracking-id': id } } });
    expect(getTracking(annotated('shop:apps/Deployment:shop/web'))).toEqual({
      app: 'shop',
      key: { group: 'apps', kind: 'Deployment', namespace: 'shop', name: 'web' },
    });
    expect(getTracking(annotated('shop'))).toBeUndefined();
    expect(getTracking(annotated('shop:Deployment:shop/web'))).toBeUndefined();
  });

  it('sets the annotation on a copy, keeping other annotations', () => {
    const annotated = { ...deploy, metadata: { ...deploy.metadata, annotations: { team: 'a' } } };
    const tracked = setTracking(annotated, { name: 'shop', installationID: 'fjord-1' });
    expect(tracked.metadata?.annotations).toEqual({
      team: 'a',
      'argocd.argoproj.io/tracking-id': 'shop:apps/Deployment:shop/web',
      'argocd.argoproj.io/installation-id': 'fjord-1',
    });
    expect(annotated.metadata.annotations).toEqual({ team: 'a' });
    expect(getTracking(tracked, 'fjord-1')?.app).toBe('shop');
    expect(getTracking(tracked, 'fjord-2')).toBeUndefined();
  });

  it('tells an id copied onto another object from one that refers to it', () => {
    const id = getTracking(setTracking(deploy, 'shop'))!;
    expect(refersTo(id, deploy)).toBe(true);
    expect(refersTo(id, { ...deploy, kind: 'ReplicaSet' })).toBe(false);
  });
});
