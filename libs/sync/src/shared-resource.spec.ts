import fc from 'fast-check';
import type { ResourceKey } from '@fjord/argo';
import { setTracking } from '@fjord/diff';
import type { KubeObject } from '@fjord/k8s-yaml';
import { compare, liveOf, loadTestdata, resourcesOnly, track } from '../test/fixtures';
import { planSync } from './plan';
import { findSharedResources, sharedResourceFailure } from './shared-resource';
import type { SyncTask } from './task';

const desired = track(resourcesOnly(loadTestdata('guestbook.yaml')));
const FAIL = ['FailOnSharedResource=true'];

/** The plan of the guestbook app over live copies of its resources tracked as `owners` says (undefined: untracked). */
function scenario(owners: (string | undefined)[], syncOptions: string[]) {
  const live = desired.map((o, i) => {
    const copy = liveOf(o);
    if (owners[i] === undefined) delete (copy.metadata!.annotations as Record<string, string>)['argocd.argoproj.io/tracking-id'];
    else if (owners[i] !== 'guestbook') Object.assign(copy, setTracking(copy, { name: owners[i]!, destinationNamespace: 'default' }));
    return copy;
  });
  const plan = planSync({
    desired,
    resources: compare(desired, live),
    destinationNamespace: 'default',
    operation: { syncOptions },
    startedAt: '2026-12-04T10:00:00Z',
  });
  const byName = new Map(live.map((o) => [`${o.kind}/${o.metadata?.name}`, o]));
  return { plan, live: (t: SyncTask) => byName.get(`${t.key.kind}/${t.key.name}`) };
}

describe('FailOnSharedResource', () => {
  it("fails with Argo CD's message naming the first resource another app tracks", () => {
    const { plan, live } = scenario(['guestbook', 'payments', 'payments'], FAIL);
    expect(sharedResourceFailure(plan, 'guestbook', live)).toBe('Shared resource found: Service/guestbook-ui is part of applications guestbook and payments');
    expect(findSharedResources(plan, 'guestbook', live).map((s) => `${s.task.key.kind}:${s.otherApp}`)).toEqual(['Service:payments', 'Deployment:payments']);
  });

  it('lets the sync go on without the option, for untracked and own resources, and for a tracking id copied from another object', () => {
    const withoutOption = scenario(['guestbook', 'payments', 'payments'], []);
    expect(sharedResourceFailure(withoutOption.plan, 'guestbook', withoutOption.live)).toBeUndefined();
    const own = scenario(['guestbook', undefined, 'guestbook'], FAIL);
    expect(sharedResourceFailure(own.plan, 'guestbook', own.live)).toBeUndefined();
    const copied = scenario(['guestbook', 'guestbook', 'guestbook'], FAIL);
    const key: ResourceKey = { group: '', kind: 'ConfigMap', namespace: 'default', name: 'someone-elses' };
    const withCopiedId = (t: SyncTask): KubeObject | undefined => {
      const obj = copied.live(t);
      if (t.key.kind !== 'ConfigMap' || !obj) return obj;
      return { ...obj, metadata: { ...obj.metadata, annotations: { 'argocd.argoproj.io/tracking-id': `payments:/ConfigMap:${key.namespace}/${key.name}` } } };
    };
    expect(sharedResourceFailure(copied.plan, 'guestbook', withCopiedId)).toBeUndefined();
  });

  it('property: a sync with the option fails exactly when some resource to apply is tracked by another app', () => {
    const owner = fc.constantFrom(undefined, 'guestbook', 'payments', 'guestbook-2');
    fc.assert(
      fc.property(fc.array(owner, { minLength: 3, maxLength: 3 }), fc.boolean(), (owners, option) => {
        const { plan, live } = scenario(owners, option ? FAIL : []);
        const message = sharedResourceFailure(plan, 'guestbook', live);
        const foreign = owners.some((o) => o !== undefined && o !== 'guestbook');
        expect(message !== undefined).toBe(option && foreign);
        if (message) expect(message).toMatch(/^Shared resource found: \w+\/guestbook-\w+ is part of applications guestbook and (payments|guestbook-2)$/);
      }),
      { seed: 4_017, numRuns: 200 },
    );
  });
});
