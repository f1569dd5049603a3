import { chartSpec } from './chart';
import { verdicts, verdictTable, type ScaleReport } from './report';
import { summarize } from './stats';

function report(
  overrides: {
    apps?: number;
    resources?: number;
    fjordSeconds?: number;
    writes?: Record<string, number>;
    renders?: number;
    coreShare?: number;
    controllerPeakMiB?: number;
  } = {},
): ScaleReport {
  const fjordReadySeconds = [3, 1, 2];
  const floorReadySeconds = [1, 0.5, 1.5];
  return {
    run: {
      apps: overrides.apps ?? 1000,
      resources: overrides.resources ?? 10,
      concurrency: 10,
      resyncSeconds: 180,
      startedAt: '2026-11-29T08:00:00.000Z',
      command: 'npm run bench -- --apps 1000',
      machine: { cpus: 2, cpuModel: 'test', memoryGiB: 24, node: 'v20', kubernetes: 'v1.36.4' },
    },
    converge: {
      fjordSeconds: overrides.fjordSeconds ?? 42,
      floorSeconds: 21,
      floorApplySeconds: 15,
      ratio: (overrides.fjordSeconds ?? 42) / 21,
      fjordPerApp: summarize(fjordReadySeconds),
      floorPerApp: summarize(floorReadySeconds),
      writes: { 'deployments PATCH': 1000 },
      dryRuns: {},
    },
    resync: {
      windowSeconds: 182,
      reconciles: 1000,
      cpuSeconds: { controller: 2, repoServer: 0.5 },
      coreShare: overrides.coreShare ?? 2.5 / 182,
      writes: overrides.writes ?? {},
      dryRuns: {},
      renders: overrides.renders ?? 0,
    },
    selfHeal: { ...summarize([100, 200, 900]), drifts: { 'delete Service': 3 } },
    commitToSynced: summarize([500, 700]),
    memory: { controllerPeakMiB: overrides.controllerPeakMiB ?? 300, repoServerPeakMiB: 200, gatewayPeakMiB: 150 },
    series: {
      fjordReadySeconds,
      floorReadySeconds,
      memory: [{ seconds: 1, controllerMiB: 100, repoServerMiB: 90 }],
      selfHealMs: [100, 200, 900],
      commitToSyncedMs: [500, 700],
    },
  };
}

describe('the comparison with DESIGN.md §6', () => {
  it('meets every target when the figures are inside them', () => {
    expect(verdicts(report()).map((v) => v.met)).toEqual([true, true, true, true, true]);
    expect(verdictTable(report())).toContain(
      '| 1000 apps × 10 resources from empty to Synced+Healthy | 1,000 apps < 60 s; 10,000 apps < 10 min | 42.0 s (floor 21.0 s, ratio 2.00) | met |',
    );
  });

  it('misses the resync target on a single write, a single render or too much CPU', () => {
    expect(verdicts(report({ writes: { 'applications/status PATCH': 1 } }))[4].met).toBe(false);
    expect(verdicts(report({ renders: 1 }))[4].met).toBe(false);
    expect(verdicts(report({ coreShare: 0.06 }))[4].met).toBe(false);
  });

  it('judges the scale targets only at the scale they are set for', () => {
    const small = verdicts(report({ apps: 100, resources: 3, fjordSeconds: 99, controllerPeakMiB: 999 }));
    expect(small[0].met).toBeUndefined();
    expect(small[1].met).toBeUndefined();
    expect(small[3].met).toBeUndefined();
    expect(verdicts(report({ fjordSeconds: 61 }))[0].met).toBe(false);
    expect(verdicts(report({ controllerPeakMiB: 401 }))[3].met).toBe(false);
  });
});

describe('the chart', () => {
  it('plots apps ready over time as one step per app for Fjord and the floor', () => {
    const spec = chartSpec(report()) as { vconcat: { data: { values: { series?: string; apps?: number; seconds?: number }[] } }[] };
    const curve = spec.vconcat[0].data.values.filter((v) => v.series === 'Fjord');
    expect(curve).toEqual([
      { series: 'Fjord', seconds: 1, apps: 1 },
      { series: 'Fjord', seconds: 2, apps: 2 },
      { series: 'Fjord', seconds: 3, apps: 3 },
    ]);
    expect(spec.vconcat[1].data.values).toHaveLength(2); // controller and repo-server at each sample
    expect(spec.vconcat[2].data.values).toHaveLength(5); // three self-heals, two commits
  });
});
