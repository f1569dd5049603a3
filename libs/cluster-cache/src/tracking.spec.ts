import { trackingApp } from './tracking';

describe('trackingApp', () => {
  const key = { group: 'apps', kind: 'Deployment', namespace: 'payments', name: 'web' };

  it('names the app only when the id names the resource itself (namespace ignored for cluster-scoped ones)', () => {
    expect(trackingApp('shop:apps/Deployment:payments/web', key, true)).toBe('shop');
    expect(trackingApp('shop:apps/Deployment:payments/api', key, true)).toBeUndefined();
    expect(trackingApp('shop:apps/Deployment:other/web', key, true)).toBeUndefined();
    expect(trackingApp('shop:/Namespace:payments/payments', { group: '', kind: 'Namespace', namespace: '', name: 'payments' }, false)).toBe('shop');
  });
});
