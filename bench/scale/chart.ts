import { Resvg } from '@resvg/resvg-js';
import type { TopLevelSpec } from 'vega-lite';
import type { ScaleReport } from './report';

/** Rows of a cumulative "apps ready over time" line: one step per app. */
function readyCurve(series: string, seconds: number[]): { series: string; seconds: number; apps: number }[] {
  return [...seconds].sort((a, b) => a - b).map((s, i) => ({ series, seconds: s, apps: i + 1 }));
}

/**
 * The run's chart as a Vega-Lite spec: apps ready over time (Fjord and the plain-client floor), memory of the
 * controller and repo-server over the run, and the latency distributions of self-heal and commit-to-synced.
 */
export function chartSpec(r: ScaleReport): TopLevelSpec {
  const title = `Fjord, ${r.run.apps} apps × ${r.run.resources} resources (${r.run.machine.cpus} cores, ${r.run.startedAt.slice(0, 10)})`;
  const latencies = [
    ...r.series.selfHealMs.map((ms) => ({ measure: 'self-heal', ms })),
    ...r.series.commitToSyncedMs.map((ms) => ({ measure: 'commit to synced', ms })),
  ];
  const memory = r.series.memory.flatMap((m) => [
    { seconds: m.seconds, process: 'app-controller', MiB: m.controllerMiB },
    { seconds: m.seconds, process: 'repo-server', MiB: m.repoServerMiB },
  ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    config: { font: 'DejaVu Sans', background: 'white', legend: { labelLimit: 400 } },
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
    vconcat: [
      {
        title: `Apps Synced and Healthy (Fjord ${r.converge.fjordSeconds.toFixed(1)} s; floor, plain server-side apply, ${r.converge.floorSeconds.toFixed(1)} s)`,
        width: 640,
        height: 220,
        data: { values: [...readyCurve('Fjord', r.series.fjordReadySeconds), ...readyCurve('floor (plain client)', r.series.floorReadySeconds)] },
        mark: { type: 'line', interpolate: 'step-after' },
        encoding: {
          x: { field: 'seconds', type: 'quantitative', title: 'seconds from the start', scale: { zero: true } },
          y: { field: 'apps', type: 'quantitative', title: 'apps ready' },
          color: { field: 'series', type: 'nominal', title: null },
        },
      },
      {
        title: `Resident memory (peaks: controller ${r.memory.controllerPeakMiB.toFixed(0)} MiB, repo-server ${r.memory.repoServerPeakMiB.toFixed(0)} MiB)`,
        width: 640,
        height: 160,
        data: { values: memory },
        mark: 'line',
        encoding: {
          x: { field: 'seconds', type: 'quantitative', title: 'seconds since the services started' },
          y: { field: 'MiB', type: 'quantitative', title: 'RSS (MiB)' },
          color: { field: 'process', type: 'nominal', title: null },
        },
      },
      {
        title: `Latency (self-heal p99 ${r.selfHeal.p99.toFixed(0)} ms; commit to synced p99 ${r.commitToSynced.p99.toFixed(0)} ms)`,
        width: 640,
        height: 160,
        data: { values: latencies },
        mark: 'bar',
        encoding: {
          x: { field: 'ms', type: 'quantitative', bin: { maxbins: 40 }, title: 'milliseconds' },
          y: { aggregate: 'count', type: 'quantitative', title: 'count' },
          color: { field: 'measure', type: 'nominal', title: null },
        },
      },
    ],
  };
}

/** Renders a Vega-Lite spec to PNG (Vega draws SVG; resvg rasterises it with the system's fonts). */
export async function renderPng(spec: TopLevelSpec): Promise<Buffer> {
  // Vega's packages are ES modules with top-level await: they load by import(), not require()
  const vegaLite = await import('vega-lite');
  const vega = await import('vega');
  const view = new vega.View(vega.parse(vegaLite.compile(spec).spec), { renderer: 'none' });
  const svg = await view.toSVG(1.5);
  view.finalize();
  return new Resvg(svg, { font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
}
