/**
 * Helm render time: Fjord's in-process render (warm: chart loaded once, rendered repeatedly) against spawning
 * `helm template` (v4.2.4) on the same charts, from small to large. Prints median ms and the ratio helm/Fjord.
 * Run: npx tsx bench/helm.bench.ts [iterations]
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { loadChart, renderChart, renderLoadedChart } from '@fjord/helm';
import { DiskFileSystem } from '@fjord/repo-fs';
import { ensureBinaries } from '@fjord/test-cluster';

interface Input {
  name: string;
  root: string;
  dir: string;
}

const corpus = join(__dirname, '..', '..', 'shared', 'corpus');
const INPUTS: Input[] = [
  { name: 'argocd-example-apps/helm-guestbook', root: join(corpus, 'argocd-example-apps'), dir: 'helm-guestbook' },
  { name: 'stable/mysql (12 templates)', root: join(corpus, 'helm-stable-charts'), dir: 'mysql' },
  { name: 'stable/traefik (21 templates)', root: join(corpus, 'helm-stable-charts'), dir: 'traefik' },
  { name: 'stable/ark (22 templates, CRDs)', root: join(corpus, 'helm-stable-charts'), dir: 'ark' },
  { name: 'stable/openebs (12 objects)', root: join(corpus, 'helm-stable-charts'), dir: 'openebs' },
  { name: 'stable/dex (11 objects, tpl/toYaml heavy)', root: join(corpus, 'helm-stable-charts'), dir: 'dex' },
];

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[(s.length - 1) / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

function time(fn: () => void, iterations: number): number {
  const samples: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t0 = process.hrtime.bigint();
    fn();
    samples.push(Number(process.hrtime.bigint() - t0) / 1e6);
  }
  return median(samples);
}

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 20);
  const helm = (await ensureBinaries({ log: () => undefined })).helm;
  const opts = { releaseName: 'bench', namespace: 'default' };
  console.log(`helm render benchmark: median of ${iterations} runs (Fjord warm = chart loaded once; cold = load + render)`);
  console.log(['chart', 'objects', 'fjord warm ms', 'fjord cold ms', 'helm ms', 'helm/fjord warm'].join('\t'));
  for (const input of INPUTS) {
    const fs = new DiskFileSystem(input.root);
    const chart = loadChart(fs, input.dir);
    const source = { fs, chartDir: input.dir, chartPath: input.dir };
    const objects = renderLoadedChart(chart, opts, source).manifests.length;
    for (let i = 0; i < 5; i++) renderLoadedChart(chart, opts, source);
    const warm = time(() => renderLoadedChart(chart, opts, source), iterations);
    const cold = time(() => renderChart(fs, input.dir, opts), iterations);
    const args = ['template', 'bench', join(input.root, input.dir), '--namespace', 'default', '--include-crds'];
    const helmMs = time(
      () => {
        const r = spawnSync(helm, args, { encoding: 'utf8' });
        if (r.status !== 0) throw new Error(`helm failed on ${input.name}: ${r.stderr}`);
      },
      Math.max(5, Math.floor(iterations / 2)),
    );
    console.log([input.name, objects, warm.toFixed(2), cold.toFixed(2), helmMs.toFixed(1), `${(helmMs / warm).toFixed(1)}x`].join('\t'));
  }
}

void main();
