import fc from 'fast-check';
import { formatTrackingId, parseTrackingId } from './tracking-id';

describe('tracking ids', () => {
  const key = { group: 'apps', kind: 'Deployment', namespace: 'payments', name: 'web' };

  it('round-trips `<app>:<group>/<kind>:<namespace>/<name>`, core group and cluster scope included', () => {
    expect(formatTrackingId('shop', key)).toBe('shop:apps/Deployment:payments/web');
    expect(parseTrackingId('shop:apps/Deployment:payments/web')).toEqual({ app: 'shop', key });
    expect(parseTrackingId('shop:/Namespace:/payments')).toEqual({ app: 'shop', key: { group: '', kind: 'Namespace', namespace: '', name: 'payments' } });
  });

  it('rejects values of another shape', () => {
    const bad = [
      undefined,
      42,
      '',
      'shop',
      'shop:apps/Deployment',
      ':apps/Deployment:ns/web',
      'shop:Deployment:ns/web',
      'a:b/c:d/e:f',
      'a:b/c/d:e/f',
      'a:b/c:d/e/f',
      'a:b/:d/e',
      'a:b/c:d/',
    ];
    for (const value of bad) expect(parseTrackingId(value)).toBeUndefined();
  });

  it('parses every id it formats for Kubernetes names', () => {
    const part = fc.stringMatching(/^[a-z0-9.-]{0,10}$/);
    const nonEmpty = fc.stringMatching(/^[a-z0-9.-]{1,10}$/);
    const keys = fc.record({ group: part, kind: nonEmpty, namespace: part, name: nonEmpty });
    fc.assert(
      fc.property(nonEmpty, keys, (app, k) => expect(parseTrackingId(formatTrackingId(app, k))).toEqual({ app, key: k })),
      { seed: 16, numRuns: 1000 },
    );
  });

  it('accepts only ids whose parts hold no separator, so no value names a resource ambiguously', () => {
    const text = fc.array(fc.constantFrom('a', 'b', ':', '/', '.', '-'), { maxLength: 14 }).map((a) => a.join(''));
    fc.assert(
      fc.property(text, (value) => {
        const id = parseTrackingId(value);
        if (id === undefined) return true;
        const parts = [id.app, id.key.group, id.key.kind, id.key.namespace, id.key.name];
        return parts.every((p) => !/[:/]/.test(p)) && id.app !== '' && id.key.kind !== '' && id.key.name !== '' && formatTrackingId(id.app, id.key) === value;
      }),
      { seed: 16, numRuns: 5000 },
    );
  });
});
