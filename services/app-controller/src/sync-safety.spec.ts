import fc from 'fast-check';
import type { KubeObject } from '@fjord/k8s-yaml';
import { deleteAppInMemory, syncInMemory, versions } from '../test/memory-sync';
import { objectKey, WriteVerb } from '../test/recording-writer';
import { allowedWrites, appDeletable, scenarioArbitrary, stateViolations, writeViolations, type Scenario } from '../test/sync-scenarios';

// Safety invariants of a sync, over the planner (@fjord/sync) and the operation runner's step logic together, for
// thousands of random apps, live states and operations: nothing is deleted unless the operation asked to prune and
// the resource allows it; a dry run writes nothing; a selective sync writes only the selected resources;
// Prune=false objects survive a prune and Delete=false objects the app's deletion; nothing outside the app's
// resources, hooks and CreateNamespace namespace is written. Every write the runner makes is recorded (see
// test/memory-sync.ts for what runs for real and what is in memory); sync-safety.cluster.spec.ts runs the same
// properties against the real API server.

const SEED = 15_001;
const RUNS = Number(process.env.FJORD_PROPERTY_RUNS ?? 5000);
const names = { app: 'shop', dest: 'shop', other: 'elsewhere' };

describe('sync safety (property, in memory)', () => {
  it(`a sync writes only what it is allowed to (${RUNS} random cases, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary(names), fc.boolean(), async (s, namespaceExists) => {
        const run = await syncInMemory(s, namespaceExists);
        const allowed = allowedWrites(s);
        const violations = [...writeViolations(s, allowed, run.writer.records), ...stateViolations(s, allowed, run.before, versions(run.cluster.all()))];
        if (violations.length > 0) throw new Error(violations.join('\n'));
      }),
      { seed: SEED, numRuns: RUNS },
    );
  }, 600_000);

  it(`deleting an app deletes only its resources, never Delete=false ones (${Math.ceil(RUNS / 3)} cases, seed ${SEED})`, async () => {
    await fc.assert(
      fc.asyncProperty(scenarioArbitrary(names), fc.boolean(), async (s, approved) => {
        const { cluster } = await syncInMemory(s, true);
        const managed = cluster.managedBy(s.app);
        const deletable = appDeletable(managed, approved);
        const before = versions(cluster.all());
        const writer = await deleteAppInMemory(s, cluster, approved);
        const violations = writer.records.filter((w) => w.verb !== WriteVerb.Delete || !deletable.has(w.key)).map((w) => `${w.verb} ${w.key}`);
        for (const key of before.keys()) if (!deletable.has(key) && !cluster.byKey(key)) violations.push(`${key} is gone`);
        if (violations.length > 0) throw new Error(violations.join('\n'));
      }),
      { seed: SEED, numRuns: Math.ceil(RUNS / 3) },
    );
  }, 600_000);
});

// One readable example per invariant.

const TRACKING = 'argocd.argoproj.io/tracking-id';
const cm = (name: string, extra: { namespace?: string; tracking?: string; options?: string; hook?: string } = {}): KubeObject => ({
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name,
    ...(extra.namespace ? { namespace: extra.namespace } : {}),
    annotations: {
      ...(extra.tracking ? { [TRACKING]: extra.tracking } : {}),
      ...(extra.options ? { 'argocd.argoproj.io/sync-options': extra.options } : {}),
      ...(extra.hook ? { 'argocd.argoproj.io/hook': extra.hook } : {}),
    },
  },
  data: { v: '1' },
});
const tracked = (name: string, options?: string) => cm(name, { namespace: 'shop', tracking: `shop:/ConfigMap:shop/${name}`, options });
const scenario = (over: Partial<Scenario>): Scenario => ({
  ...names,
  desired: [cm('keep')],
  live: [tracked('keep')],
  sync: {},
  pruneConfirmed: false,
  ...over,
});
const deletes = (run: Awaited<ReturnType<typeof syncInMemory>>) =>
  run.writer
    .realWrites()
    .filter((w) => w.verb === WriteVerb.Delete)
    .map((w) => w.key);
const resultOf = (run: Awaited<ReturnType<typeof syncInMemory>>, name: string) => Object.values(run.results).find((r) => r.name === name);

describe('sync safety (examples)', () => {
  it('a sync without prune leaves a resource removed from Git, and says PruneSkipped; with prune it is deleted', async () => {
    const without = await syncInMemory(scenario({ live: [tracked('keep'), tracked('removed')], sync: { prune: false } }), true);
    expect(deletes(without)).toEqual([]);
    expect(without.cluster.byKey('/ConfigMap/shop/removed')).toBeDefined();
    expect(resultOf(without, 'removed')).toMatchObject({ status: 'PruneSkipped', message: 'ignored (requires pruning)' });

    const withPrune = await syncInMemory(scenario({ live: [tracked('keep'), tracked('removed')], sync: { prune: true } }), true);
    expect(deletes(withPrune)).toEqual(['/ConfigMap/shop/removed']);
    expect(resultOf(withPrune, 'removed')).toMatchObject({ status: 'Pruned' });
  });

  it('a Prune=false resource survives a sync with prune', async () => {
    const run = await syncInMemory(scenario({ live: [tracked('keep'), tracked('precious', 'Prune=false')], sync: { prune: true } }), true);
    expect(deletes(run)).toEqual([]);
    expect(resultOf(run, 'precious')).toMatchObject({ status: 'PruneSkipped', message: 'ignored (no prune)' });
  });

  it('a dry run writes nothing (its calls all ask for a dry run)', async () => {
    const run = await syncInMemory(
      scenario({ desired: [cm('keep'), cm('new')], live: [tracked('keep'), tracked('removed')], sync: { prune: true, dryRun: true } }),
      true,
    );
    expect(run.writer.records.length).toBeGreaterThan(0);
    expect(run.writer.realWrites()).toEqual([]);
    expect(versions(run.cluster.all())).toEqual(run.before);
  });

  it('a selective sync writes only the selected resources', async () => {
    const s = scenario({
      desired: [cm('keep'), cm('picked'), cm('hook', { hook: 'PreSync' })],
      live: [tracked('keep'), tracked('removed'), tracked('also-removed')],
      sync: {
        prune: true,
        resources: [
          { kind: 'ConfigMap', name: 'picked' },
          { kind: 'ConfigMap', name: 'removed' },
        ],
      },
    });
    const run = await syncInMemory(s, true);
    expect(
      run.writer
        .realWrites()
        .map((w) => `${w.verb} ${w.key}`)
        .sort(),
    ).toEqual(['apply /ConfigMap/shop/picked', 'delete /ConfigMap/shop/removed']);
  });

  it('never writes or deletes a look-alike the app does not track (other namespace, other app, copied tracking id)', async () => {
    const lookalikes = [
      cm('removed', { namespace: 'elsewhere', tracking: 'shop:/ConfigMap:elsewhere/removed-x' }),
      cm('theirs', { namespace: 'shop', tracking: 'shop-other:/ConfigMap:shop/theirs' }),
      cm('copied', { namespace: 'shop', tracking: 'shop:/ConfigMap:shop/original' }),
    ];
    const run = await syncInMemory(scenario({ live: [tracked('keep'), ...lookalikes], sync: { prune: true } }), true);
    expect(run.writer.realWrites().map((w) => w.key)).toEqual(['/ConfigMap/shop/keep']);
  });

  it('does not delete an object the app does not track to make room for a hook of the same name', async () => {
    const stranger = cm('migrate', { namespace: 'shop' });
    const run = await syncInMemory(scenario({ desired: [cm('keep'), cm('migrate', { hook: 'PreSync' })], live: [tracked('keep'), stranger] }), true);
    expect(deletes(run)).toEqual([]);
  });

  it('deleting the app keeps a Delete=false resource and deletes the others', async () => {
    const s = scenario({ desired: [cm('keep'), cm('kept-forever', { options: 'Delete=false' })], live: [] });
    const { cluster } = await syncInMemory(s, true);
    const writer = await deleteAppInMemory(s, cluster, false);
    expect(writer.records.map((w) => `${w.verb} ${w.key}`)).toEqual(['delete /ConfigMap/shop/keep']);
    expect(cluster.all().map(objectKey)).toEqual(expect.arrayContaining(['/ConfigMap/shop/kept-forever']));
  });
});
