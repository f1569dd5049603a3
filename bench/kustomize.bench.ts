/**
 * Kustomize render time: Fjord's in-process build (warm, repeated) against spawning `kustomize build` (v5.8.1)
 * on the same inputs: real overlays from the corpus and one synthetic large overlay. Prints median ms and the ratio.
 * Run: npx tsx bench/kustomize.bench.ts [iterations]
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildKustomization, stringifyKustomizeOutput } from '@fjord/kustomize';
import { DiskFileSystem } from '@fjord/repo-fs';
import { ensureBinaries } from '@fjord/test-cluster';

interface Input {
  name: string;
  root: string;
  dir: string;
}

const corpus = join(__dirname, '..', '..', 'shared', 'corpus');

/** A base of `n` Deployments + Services + ConfigMap generators, and an overlay that patches, labels and prefixes it. */
function writeSynthetic(n: number): string {
  const root = mkdtempSync(join(tmpdir(), 'fjord-kustomize-bench-'));
  mkdirSync(join(root, 'base'));
  mkdirSync(join(root, 'overlay'));
  const docs: string[] = [];
  const gens: string[] = [];
  for (let i = 0; i < n; i++) {
    docs.push(`apiVersion: apps/v1
kind: Deployment
metadata: {name: app-${i}}
spec:
  replicas: 1
  selector: {matchLabels: {app: app-${i}}}
  template:
    metadata: {labels: {app: app-${i}}}
    spec:
      containers:
      - name: app
        image: registry.example.com/app-${i}:1.0
        envFrom: [{configMapRef: {name: cfg-${i}}}]
        ports: [{containerPort: 8080}]
---
apiVersion: v1
kind: Service
metadata: {name: app-${i}}
spec:
  selector: {app: app-${i}}
  ports: [{port: 80, targetPort: 8080}]`);
    gens.push(`- name: cfg-${i}\n  literals: [INDEX=${i}, MODE=base]`);
  }
  writeFileSync(join(root, 'base', 'resources.yaml'), docs.join('\n---\n'));
  writeFileSync(join(root, 'base', 'kustomization.yaml'), `resources: [resources.yaml]\nconfigMapGenerator:\n${gens.join('\n')}\n`);
  writeFileSync(
    join(root, 'overlay', 'kustomization.yaml'),
    `resources: [../base]
namespace: prod
namePrefix: prod-
commonLabels: {env: prod}
commonAnnotations: {owner: bench}
images: [{name: registry.example.com/app-1, newTag: "2.0"}]
patches:
- target: {kind: Deployment}
  patch: |-
    apiVersion: apps/v1
    kind: Deployment
    metadata: {name: any}
    spec:
      template:
        spec:
          containers:
          - name: app
            resources: {limits: {memory: 128Mi}}
`,
  );
  return root;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeFjord(input: Input, iterations: number): number {
  const fs = new DiskFileSystem(input.root);
  for (let i = 0; i < 3; i++) stringifyKustomizeOutput(buildKustomization(fs, input.dir));
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    stringifyKustomizeOutput(buildKustomization(new DiskFileSystem(input.root), input.dir));
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return median(times);
}

function timeCli(kustomize: string, input: Input, iterations: number): number {
  const times: number[] = [];
  for (let i = 0; i < iterations; i++) {
    const t = process.hrtime.bigint();
    const res = spawnSync(kustomize, ['build', join(input.root, input.dir)], { encoding: 'utf8' });
    times.push(Number(process.hrtime.bigint() - t) / 1e6);
    if (res.status !== 0) throw new Error(`kustomize build ${input.name} failed: ${res.stderr}`);
  }
  return median(times);
}

async function main(): Promise<void> {
  const iterations = Number(process.argv[2] ?? 20);
  const { kustomize } = await ensureBinaries({ log: () => undefined });
  const synthetic = writeSynthetic(200);
  const inputs: Input[] = [
    { name: 'example-apps/kustomize-guestbook', root: join(corpus, 'argocd-example-apps'), dir: 'kustomize-guestbook' },
    { name: 'example-apps/pre-post-sync', root: join(corpus, 'argocd-example-apps'), dir: 'pre-post-sync' },
    { name: 'example-apps/sock-shop (29 objects)', root: join(corpus, 'argocd-example-apps'), dir: 'sock-shop' },
    { name: 'argo-cd-e2e/crashing-guestbook', root: join(corpus, 'argo-cd-e2e'), dir: 'crashing-guestbook' },
    { name: 'synthetic overlay (200 apps, 600 objects)', root: synthetic, dir: 'overlay' },
  ];
  const rows: string[][] = [['input', 'fjord median ms', 'kustomize CLI median ms', 'CLI / fjord']];
  for (const input of inputs) {
    const f = timeFjord(input, iterations);
    const c = timeCli(kustomize, input, Math.min(iterations, 10));
    rows.push([input.name, f.toFixed(2), c.toFixed(2), `${(c / f).toFixed(1)}x`]);
  }
  rmSync(synthetic, { recursive: true, force: true });
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) console.log(r.map((cell, i) => cell.padEnd(widths[i])).join('  '));
  console.log(`\nnode ${process.version}, ${iterations} warm in-process builds (incl. YAML output) vs spawned \`kustomize build\` (v5.8.1).`);
}

void main();
