/**
 * Conformance: every kustomization in the shared corpus and in testdata/cases is built by Fjord and by the real
 * kustomize v5.8 CLI (`kustomize build DIR`, default load restrictor), and the parsed objects and their order must
 * be equal; cases kustomize rejects must be rejected by Fjord too. Byte-identical YAML is reported as a second figure.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describeConformance, findCorpusCases, SHARED_CORPUS, yamlValues, type CorpusCase as Case, type RunOutcome } from '@fjord/devkit';
import { DiskFileSystem } from '@fjord/repo-fs';
import { ensureBinaries } from '@fjord/test-cluster';
import { buildKustomization, stringifyKustomizeOutput } from './index';

/** Cases known to differ from kustomize, with the reason. Keep it short; mirror it in the README. */
const KNOWN_DIFFERENT: Record<string, string> = {};

const casesRoot = join(__dirname, '..', 'testdata', 'cases');
const NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Kustomization folders under `root`, overlays inside bases included. */
const findCases = (root: string, label: string) => findCorpusCases(root, label, { isCase: (entries) => entries.some((e) => NAMES.includes(e)), nested: true });

function runOracle(kustomize: string, c: Case): RunOutcome {
  const res = spawnSync(kustomize, ['build', join(c.root, c.dir)], {
    encoding: 'utf8',
    timeout: 30_000,
    env: { ...process.env, HOME: process.env.HOME ?? '/tmp' },
  });
  return { ok: res.status === 0, text: res.status === 0 ? res.stdout : res.stderr };
}

describeConformance({
  tool: 'kustomize',
  title: 'kustomize conformance (Fjord vs kustomize v5.8 CLI)',
  cases: [
    ...findCases(join(SHARED_CORPUS, 'argocd-example-apps'), 'argocd-example-apps'),
    ...findCases(join(SHARED_CORPUS, 'argo-cd-e2e'), 'argo-cd-e2e'),
    ...findCases(casesRoot, 'cases'),
  ],
  minCases: 30,
  knownDifferent: KNOWN_DIFFERENT,
  timeoutMs: 120_000,
  runTool: async (cases) => {
    const kustomize = (await ensureBinaries({ log: () => undefined })).kustomize;
    return cases.map((c) => runOracle(kustomize, c));
  },
  runFjord: (c) => stringifyKustomizeOutput(buildKustomization(new DiskFileSystem(c.root), c.dir)),
  outputsEqual: (want, got) => {
    const a = yamlValues(want);
    const b = yamlValues(got);
    return JSON.stringify(a) === JSON.stringify(b) || isDeepStrictEqual(a, b);
  },
});

function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:util') as typeof import('node:util')).isDeepStrictEqual(a, b);
}
