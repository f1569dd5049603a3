import type { Summary } from './stats';

/** What one `npm run bench` run measured; written as JSON beside its chart. */
export interface ScaleReport {
  run: {
    apps: number;
    resources: number;
    /** sync operations at once in the controller, and apps applied at once by the plain client */
    concurrency: number;
    resyncSeconds: number;
    startedAt: string;
    command: string;
    /** the commit measured (`+changes` when the work tree differed) */
    revision?: string;
    machine: { cpus: number; cpuModel: string; memoryGiB: number; node: string; kubernetes: string };
  };
  converge: {
    /** from the first Application created to the last app Synced and Healthy */
    fjordSeconds: number;
    /** from the first object applied by the plain client to the last Deployment Available */
    floorSeconds: number;
    /** the plain client's apply calls alone */
    floorApplySeconds: number;
    /** fjordSeconds / floorSeconds */
    ratio: number;
    /** seconds from the start to each app ready, Fjord and the floor */
    fjordPerApp: Summary;
    floorPerApp: Summary;
    /** writes and dry runs the API server counted while Fjord converged (all writers: Fjord and Kubernetes' controllers) */
    writes: Record<string, number>;
    dryRuns: Record<string, number>;
  };
  resync: {
    windowSeconds: number;
    /** reconciles in the window (each app should have had one resync) */
    reconciles: number;
    cpuSeconds: { controller: number; repoServer: number };
    /** CPU seconds over the window, as a share of one core */
    coreShare: number;
    writes: Record<string, number>;
    dryRuns: Record<string, number>;
    renders: number;
  };
  /** milliseconds from a drift (deleted or edited object) to it being repaired */
  selfHeal: Summary & { drifts: Record<string, number> };
  /** milliseconds from a commit (webhook sent right after it) to the app Synced at it with the change live */
  commitToSynced: Summary;
  memory: { controllerPeakMiB: number; repoServerPeakMiB: number; gatewayPeakMiB: number };
  series: {
    fjordReadySeconds: number[];
    floorReadySeconds: number[];
    memory: { seconds: number; controllerMiB: number; repoServerMiB: number }[];
    selfHealMs: number[];
    commitToSyncedMs: number[];
  };
}

/** One line of the comparison with DESIGN.md §6. */
export interface Verdict {
  what: string;
  target: string;
  measured: string;
  /** undefined when the target is set for another scale than this run's */
  met?: boolean;
}

const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');

/** This run's figures next to DESIGN.md §6's targets. */
export function verdicts(r: ScaleReport): Verdict[] {
  const { apps, resources } = r.run;
  const totalWrites = Object.values(r.resync.writes).reduce((s, n) => s + n, 0);
  const totalDryRuns = Object.values(r.resync.dryRuns).reduce((s, n) => s + n, 0);
  const convergeTarget = apps === 1000 ? 60 : apps === 10_000 ? 600 : undefined;
  return [
    {
      what: `${apps} apps × ${resources} resources from empty to Synced+Healthy`,
      target: '1,000 apps < 60 s; 10,000 apps < 10 min',
      measured: `${fmt(r.converge.fjordSeconds, 1)} s (floor ${fmt(r.converge.floorSeconds, 1)} s, ratio ${fmt(r.converge.ratio, 2)})`,
      met: convergeTarget === undefined ? undefined : r.converge.fjordSeconds < convergeTarget,
    },
    {
      what: `self-heal, drift to repaired, at ${apps} apps`,
      target: 'p99 < 1 s (at 1,000 apps)',
      measured: `p50 ${fmt(r.selfHeal.p50)} ms, p99 ${fmt(r.selfHeal.p99)} ms (${r.selfHeal.count} drifts)`,
      met: apps >= 1000 ? r.selfHeal.p99 < 1000 : undefined,
    },
    {
      what: 'commit to synced after a webhook',
      target: 'p99 < 2 s',
      measured: `p50 ${fmt(r.commitToSynced.p50)} ms, p99 ${fmt(r.commitToSynced.p99)} ms (${r.commitToSynced.count} commits)`,
      met: r.commitToSynced.p99 < 2000,
    },
    {
      what: `controller memory at ${apps} apps × ${resources} resources`,
      target: '< 400 MiB RSS (at 1,000 × 10)',
      measured: `peak ${fmt(r.memory.controllerPeakMiB)} MiB (repo-server peak ${fmt(r.memory.repoServerPeakMiB)} MiB)`,
      met: apps >= 1000 && resources >= 10 ? r.memory.controllerPeakMiB < 400 : undefined,
    },
    {
      what: 'a full resync of all apps, nothing changed',
      target: 'no Kubernetes writes, no renders, < 5% of one core',
      measured:
        `${totalWrites} writes, ${totalDryRuns} dry runs, ${r.resync.renders} renders, ${fmt(r.resync.coreShare * 100, 2)}% of a core ` +
        `(${fmt(r.resync.cpuSeconds.controller + r.resync.cpuSeconds.repoServer, 1)} CPU s over ${fmt(r.resync.windowSeconds)} s, ${r.resync.reconciles} reconciles)`,
      met: totalWrites === 0 && r.resync.renders === 0 && r.resync.coreShare < 0.05,
    },
  ];
}

/** The verdicts as a Markdown table. */
export function verdictTable(r: ScaleReport): string {
  const mark = (v: Verdict) => (v.met === undefined ? '–' : v.met ? 'met' : 'missed');
  return [
    '| what | target (DESIGN.md §6) | measured | |',
    '|---|---|---|---|',
    ...verdicts(r).map((v) => `| ${v.what} | ${v.target} | ${v.measured} | ${mark(v)} |`),
  ].join('\n');
}
