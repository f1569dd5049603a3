/**
 * Conformance: every chart of the shared corpus (helm-stable-charts, the Helm apps of argocd-example-apps and
 * argo-cd-e2e) is rendered with default values by Fjord and by the real `helm template` (v4.2.4, as Argo CD calls
 * it: `helm template DIR --name-template NAME --namespace NS --include-crds`). Parsed objects and their order must
 * be equal; charts helm rejects must be rejected by Fjord too. Byte-identical output is reported as a second figure.
 * Helm runs twice: values that differ between its own two runs (randAlphaNum, genCA, uuidv4…) are compared by
 * kind only, everything else exactly.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  describeConformance,
  equalModuloNoise,
  findCorpusCases,
  mapConcurrent,
  runProgram,
  SHARED_CORPUS,
  yamlValues,
  type CorpusCase as Case,
  type RunOutcome,
} from '@fjord/devkit';
import { DiskFileSystem } from '@fjord/repo-fs';
import { ensureBinaries } from '@fjord/test-cluster';
import { renderChart } from './index';

/** Charts known to differ from helm, with the reason. Keep it short; mirror it in the README. */
const KNOWN_DIFFERENT: Record<string, string> = {};

const RELEASE = 'my-release';
const NAMESPACE = 'fjord-test';

/** Chart directories of a corpus folder (a directory with Chart.yaml; subcharts in charts/ are not separate cases). */
const findCharts = (folder: string) =>
  findCorpusCases(join(SHARED_CORPUS, folder), folder, { isCase: (entries) => entries.includes('Chart.yaml'), nested: false });

async function runHelm(helm: string, c: Case, home: string): Promise<RunOutcome> {
  const args = ['template', join(c.root, c.dir), '--name-template', RELEASE, '--namespace', NAMESPACE, '--include-crds'];
  const env = { HELM_CACHE_HOME: join(home, 'cache'), HELM_CONFIG_HOME: join(home, 'config'), HELM_DATA_HOME: join(home, 'data') };
  const { code, stdout, stderr } = await runProgram(helm, args, { env, timeoutMs: 60_000 });
  return { ok: code === 0, text: code === 0 ? stdout : stderr };
}

/** Helm's output can repeat a key in a mapping, which the yaml package refuses unless told otherwise. */
const parseYaml = (text: string): unknown[] => yamlValues(text, { uniqueKeys: false });

/** Helm's second run of every chart, to tell its random values from its output. */
let again: RunOutcome[] = [];

describeConformance({
  tool: 'helm',
  title: 'helm conformance (Fjord vs helm template v4.2.4)',
  cases: [...findCharts('helm-stable-charts'), ...findCharts('argocd-example-apps'), ...findCharts('argo-cd-e2e')],
  minCases: 140,
  knownDifferent: KNOWN_DIFFERENT,
  timeoutMs: 1_800_000,
  runTool: async (cases) => {
    const helm = (await ensureBinaries({ log: () => undefined })).helm;
    const home = mkdtempSync(join(tmpdir(), 'fjord-helm-conformance-'));
    try {
      const oracle = await mapConcurrent(cases, 4, (c) => runHelm(helm, c, home));
      again = await mapConcurrent(cases, 4, (c) => runHelm(helm, c, home));
      return oracle;
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
  },
  runFjord: (c) => renderChart(new DiskFileSystem(c.root), c.dir, { releaseName: RELEASE, namespace: NAMESPACE }).text,
  outputsEqual: (want, got, i) => {
    const a = parseYaml(want);
    return equalModuloNoise(a, again[i].ok ? parseYaml(again[i].text) : a, parseYaml(got));
  },
});
