import { formatTrackingId, parseTrackingId, trackingApp } from './tracking';

describe('tracking ids', () => {
  const key = { group: 'apps', kind: 'Deployment', namespace: 'payments', name: 'web' };

  it('round-trips `<app>:<group>/<kind>:<namespace>/<name>`, core group and cluster scope included', () => {
    expect(formatTrackingId('shop', key)).toBe('shop:apps/Deployment:payments/web');
    expect(parseTrackingId('shop:apps/Deployment:payments/web')).toEqual({ app: 'shop', key });
    expect(parseTrackingId('shop:/Namespace:/payments')).toEqual({ app: 'shop', key: { group: '', kind: 'Namespace', namespace: '', name: 'payments' } });
  });

  it('rejects values of another shape', () => {
    for (const bad of [undefined, 42, '', 'shop', 'shop:apps/Deployment', ':apps/Deployment:ns/web', 'shop:Deployment:ns/web', 'a:b/c:d/e:f']) {
      expect(parseTrackingId(bad)).toBeUndefined();
    }
  });

  it('names the app only when the id names the resource itself (namespace ignored for cluster-scoped ones)', () => {
    expect(trackingApp('shop:apps/Deployment:payments/web', key, true)).toBe('shop');
    expect(trackingApp('shop:apps/Deployment:payments/api', key, true)).toBeUndefined();
    expect(trackingApp('shop:apps/Deployment:other/web', key, true)).toBeUndefined();
    expect(trackingApp('shop:/Namespace:payments/payments', { group: '', kind: 'Namespace', namespace: '', name: 'payments' }, false)).toBe('shop');
  });
});
