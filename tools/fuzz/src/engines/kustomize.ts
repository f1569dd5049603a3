/**
 * Differential fuzzer of Fjord's kustomize engine: random kustomization trees (resources, the three kinds of patch,
 * generators with long, multi-line, binary and unicode values, behavior merge/replace over a base, prefixes,
 * labels, annotations, images, replicas, replacements, components, namespaces) built by Fjord and by kustomize
 * v5.8.1's krusty in a Go oracle; the objects and their order must be equal, or both must reject the case.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import type { FuzzDifference, FuzzEngine, FuzzOptions, FuzzReport } from '../fuzz-engine';
import { kustomizeCase, type KustomizeCase } from './kustomize-cases/case';
import { compareCase, showCase, type Comparison } from './kustomize-cases/compare';
import { KustomizeOracle } from './kustomize-cases/oracle';

/** Differences shrunk and shown in full per run; the rest are counted (one bug tends to surface many times). */
const MAX_SHRUNK = 8;
/** Time one difference may spend shrinking; fast-check then reports the smallest case found so far. */
const SHRINK_MS = 20_000;

export const engine: FuzzEngine = {
  name: 'kustomize',
  description: "Fjord's kustomize build vs kustomize v5.8.1 (krusty in a Go oracle)",
  // Measured on the shared 2-core machine: 44 cases a second when quiet (1,200 in 27.5 s), 13-20 under the other
  // sessions' load (a case is ~15 files written, two builds, a compare); `npm run fuzz` runs more.
  ciCases: 2000,
  run: runKustomizeFuzz,
};

async function runKustomizeFuzz(options: FuzzOptions): Promise<FuzzReport> {
  const oracle = new KustomizeOracle();
  const root = mkdtempSync(join(tmpdir(), 'fjord-fuzz-kustomize-'));
  const coverage: Record<string, number> = {};
  const count = (cls: string) => (coverage[cls] = (coverage[cls] ?? 0) + 1);
  const differing: number[] = [];
  try {
    let index = 0;
    let dirs = 0;
    const compare = (c: KustomizeCase): Promise<Comparison> => compareCase(oracle, c, join(root, `case-${dirs++}`));
    // First pass: every case once, recording which differ (the property never fails, so nothing shrinks yet).
    await fc.check(
      fc.asyncProperty(kustomizeCase, async (c) => {
        const i = index++;
        const result = await compare(c);
        c.classes.forEach(count);
        count(`verdict ${result.verdict}`);
        if (result.byteIdentical) count('output byte-identical');
        if (result.verdict === 'different') differing.push(i);
        options.progress?.(i + 1);
        return true;
      }),
      { numRuns: options.cases, seed: options.seed },
    );
    // Second pass: replay each differing case by its path and let fast-check shrink it.
    const differences: FuzzDifference[] = [];
    for (const i of differing.slice(0, MAX_SHRUNK)) differences.push(await shrink(compare, options.seed, i));
    for (const i of differing.slice(MAX_SHRUNK))
      differences.push({ seed: options.seed, path: String(i), input: '(not shrunk: over the per-run limit)', detail: '' });
    return { engine: 'kustomize', cases: index, seed: options.seed, differences, coverage };
  } finally {
    oracle.close();
    rmSync(root, { recursive: true, force: true });
  }
}

async function shrink(compare: (c: KustomizeCase) => Promise<Comparison>, seed: number, i: number): Promise<FuzzDifference> {
  let detail = '';
  const out = await fc.check(
    fc.asyncProperty(kustomizeCase, async (c) => {
      const result = await compare(c);
      if (result.verdict !== 'different') return true;
      detail = result.detail;
      return false;
    }),
    { seed, path: String(i), numRuns: i + 1, interruptAfterTimeLimit: SHRINK_MS },
  );
  if (!out.failed || !out.counterexample) return { seed, path: String(i), input: '(did not replay)', detail: '' };
  // The last failing run's detail belongs to the smallest counterexample: fast-check tries it last among failures.
  const last = await compare(out.counterexample[0]);
  return { seed, path: out.counterexamplePath ?? String(i), input: showCase(out.counterexample[0]), detail: last.detail || detail };
}
