/**
 * Conformance: every kustomization in the shared corpus and in testdata/cases is built by Fjord and by the real
 * kustomize v5.8 CLI (`kustomize build DIR`, default load restrictor), and the parsed objects and their order must
 * be equal; cases kustomize rejects must be rejected by Fjord too. Byte-identical YAML is reported as a second figure.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { findCorpusCases, SHARED_CORPUS, type CorpusCase as Case } from '@fjord/devkit';
import { DiskFileSystem } from '@fjord/repo-fs';
import { ensureBinaries } from '@fjord/test-cluster';
import { parseAllDocuments } from 'yaml';
import { buildKustomization, stringifyKustomizeOutput } from './index';

/** Cases known to differ from kustomize, with the reason. Keep it short; mirror it in the README. */
const KNOWN_DIFFERENT: Record<string, string> = {};

const casesRoot = join(__dirname, '..', 'testdata', 'cases');
const NAMES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

/** Kustomization folders under `root`, overlays inside bases included. */
const findCases = (root: string, label: string) =>
  findCorpusCases(root, label, { isCase: (entries) => entries.some((e) => NAMES.includes(e)), nested: true });

function parseYaml(text: string): unknown[] {
  return parseAllDocuments(text)
    .map((d) => d.toJS())
    .filter((v) => v !== null && v !== undefined);
}

interface Outcome {
  ok: boolean;
  text: string;
}

function runOracle(kustomize: string, c: Case): Outcome {
  const res = spawnSync(kustomize, ['build', join(c.root, c.dir)], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, HOME: process.env.HOME ?? '/tmp' } });
  return { ok: res.status === 0, text: res.status === 0 ? res.stdout : res.stderr };
}

function runFjord(c: Case): Outcome {
  try {
    return { ok: true, text: stringifyKustomizeOutput(buildKustomization(new DiskFileSystem(c.root), c.dir)) };
  } catch (err) {
    return { ok: false, text: (err as Error).message };
  }
}

describe('kustomize conformance (Fjord vs kustomize v5.8 CLI)', () => {
  const cases = [
    ...findCases(join(SHARED_CORPUS, 'argocd-example-apps'), 'argocd-example-apps'),
    ...findCases(join(SHARED_CORPUS, 'argo-cd-e2e'), 'argo-cd-e2e'),
    ...findCases(casesRoot, 'cases'),
  ];
  let kustomize = '';
  const results: { name: string; equal: boolean; bytes: boolean; detail: string }[] = [];

  beforeAll(async () => {
    kustomize = (await ensureBinaries({ log: () => undefined })).kustomize;
    for (const c of cases) {
      const oracle = runOracle(kustomize, c);
      const fjord = runFjord(c);
      let equal: boolean;
      let detail = '';
      if (!oracle.ok || !fjord.ok) {
        equal = oracle.ok === fjord.ok;
        detail = `kustomize ${oracle.ok ? 'ok' : `failed: ${oracle.text.trim().split('\n')[0]}`}; fjord ${fjord.ok ? 'ok' : `failed: ${fjord.text}`}`;
      } else {
        const a = parseYaml(oracle.text);
        const b = parseYaml(fjord.text);
        equal = JSON.stringify(a) === JSON.stringify(b) || isDeepStrictEqual(a, b);
        if (!equal) detail = firstDifference(oracle.text, fjord.text);
      }
      const bytes = oracle.ok && fjord.ok && oracle.text === fjord.text;
      results.push({ name: c.name, equal, bytes, detail });
    }
    const equalCount = results.filter((r) => r.equal).length;
    const byteCount = results.filter((r) => r.bytes).length;
    const lines = results.map((r) => `${r.equal ? 'EQUAL' : 'DIFF '} ${r.bytes ? 'BYTES' : '     '} ${r.name}${r.detail && !r.equal ? `\n        ${r.detail}` : ''}`);
    console.log(`kustomize conformance: ${equalCount}/${results.length} equal, ${byteCount}/${results.length} byte-identical\n${lines.join('\n')}`);
  }, 120_000);

  it('finds the corpus and the own cases', () => {
    expect(cases.length).toBeGreaterThan(30);
  });

  it('matches kustomize on every case except the documented known differences', () => {
    const unexpected = results.filter((r) => !r.equal && !(r.name in KNOWN_DIFFERENT)).map((r) => `${r.name}: ${r.detail}`);
    const fixed = results.filter((r) => r.equal && r.name in KNOWN_DIFFERENT).map((r) => r.name);
    expect(unexpected).toEqual([]);
    expect(fixed).toEqual([]);
  });
});

function isDeepStrictEqual(a: unknown, b: unknown): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('node:util') as typeof import('node:util')).isDeepStrictEqual(a, b);
}

function firstDifference(a: string, b: string): string {
  const al = a.split('\n');
  const bl = b.split('\n');
  for (let i = 0; i < Math.max(al.length, bl.length); i++) {
    if (al[i] !== bl[i]) return `line ${i + 1}: kustomize ${JSON.stringify(al[i])} fjord ${JSON.stringify(bl[i])}`;
  }
  return 'same text';
}
