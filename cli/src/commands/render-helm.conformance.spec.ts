/**
 * `fjord render CHART` against `helm template CHART --include-crds` (v4.2.4) on every chart of the shared corpus's
 * helm-stable-charts, both with their defaults and nothing else: release name `release-name`, namespace `default`,
 * helm's default Kubernetes version and API versions, CRDs included (the repo-server's default, as Argo CD's).
 * Fjord runs through the CLI's own entry (buildProgram → render command → renderSource → the Helm renderer, which
 * the repo-server uses too), printing JSON. Its objects must be renderChart's for the chart with no options, whose
 * text must be helm's: both texts are read as documents by the same YAML reader, so that neither side gains from
 * reading (reading YAML as Go does is the yaml fuzzer's and the manifest reader's business). Charts helm rejects
 * must be rejected too. Byte-identical counts renderChart's text equal to helm's stdout.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { equalModuloNoise, findCorpusCases, mapConcurrent, runProgram, SHARED_CORPUS, yamlValues, type CorpusCase, type RunOutcome } from '@fjord/devkit';
import { renderChart } from '@fjord/helm';
import { DiskFileSystem } from '@fjord/repo-fs';
import { ensureBinaries } from '@fjord/test-cluster';
import { buildProgram } from '../program';

const FOLDER = 'helm-stable-charts';

/** Charts known to differ from helm through the CLI, with the reason. Empty. */
const KNOWN_DIFFERENT: Record<string, string> = {};

const cases = findCorpusCases(join(SHARED_CORPUS, FOLDER), FOLDER, { isCase: (entries) => entries.includes('Chart.yaml'), nested: false });

/** What `fjord render DIR -o json` printed (the objects), or the message it failed with. */
async function fjordRender(dir: string): Promise<RunOutcome> {
  let text = '';
  try {
    await buildProgram((t) => (text += t)).parseAsync(['render', dir, '-o', 'json'], { from: 'user' });
    return { ok: true, text };
  } catch (e) {
    return { ok: false, text: (e as Error).message };
  }
}

async function helmTemplate(helm: string, dir: string, home: string): Promise<RunOutcome> {
  // No kubeconfig and no HELM_NAMESPACE: helm's own defaults, as the CLI's.
  const env = {
    HELM_CACHE_HOME: join(home, 'cache'),
    HELM_CONFIG_HOME: join(home, 'config'),
    HELM_DATA_HOME: join(home, 'data'),
    KUBECONFIG: join(home, 'none'),
    HELM_NAMESPACE: '',
  };
  const { code, stdout, stderr } = await runProgram(helm, ['template', dir, '--include-crds'], { env, timeoutMs: 60_000 });
  return { ok: code === 0, text: code === 0 ? stdout : stderr };
}

/** Helm's output can repeat a key in a mapping, which the yaml package refuses unless told otherwise. */
const documents = (text: string): unknown[] => yamlValues(text, { uniqueKeys: false });

/** renderChart with no options, as the CLI calls it for a chart given no flags: its text and its objects. */
function renderDefaults(c: CorpusCase): { ok: true; text: string; objects: unknown[] } | { ok: false; text: string } {
  try {
    const { text, manifests } = renderChart(new DiskFileSystem(c.root), c.dir);
    return { ok: true, text, objects: JSON.parse(JSON.stringify(manifests.map((m) => m.object))) as unknown[] };
  } catch (e) {
    return { ok: false, text: (e as Error).message };
  }
}

/** One chart's verdict: equal (or both rejected), and whether Fjord's text is helm's to the byte. */
interface Verdict {
  name: string;
  equal: boolean;
  bothRejected: boolean;
  bytes: boolean;
  /** helm printed the same text twice (no random values). */
  deterministic: boolean;
  detail: string;
}

/**
 * The CLI's objects must be renderChart's objects for the same chart with no options (the same path, the same
 * defaults), and renderChart's text must be helm's (documents read alike on both sides, random values by kind).
 * Two runs of each side tell random values from rendered ones.
 */
function verdict(c: CorpusCase, helm: [RunOutcome, RunOutcome], cli: RunOutcome): Verdict {
  const name = c.name;
  const deterministic = helm[0].ok && helm[1].ok && helm[0].text === helm[1].text;
  const says = (o: RunOutcome) => (o.ok ? 'ok' : `failed: ${o.text.trim().split('\n').pop()}`);
  if (!helm[0].ok || !cli.ok) {
    return {
      name,
      equal: helm[0].ok === cli.ok,
      bothRejected: !helm[0].ok && !cli.ok,
      bytes: false,
      deterministic,
      detail: `helm ${says(helm[0])}; fjord render ${says(cli)}`,
    };
  }
  const [r1, r2] = [renderDefaults(c), renderDefaults(c)];
  if (!r1.ok || !r2.ok)
    return { name, equal: false, bothRejected: false, bytes: false, deterministic, detail: `renderChart failed where fjord render did not: ${r1.text}` };
  const cliObjects = (JSON.parse(cli.text) as { items: unknown[] }).items;
  if (!equalModuloNoise(r1.objects, r2.objects, cliObjects))
    return {
      name,
      equal: false,
      bothRejected: false,
      bytes: false,
      deterministic,
      detail: 'fjord render printed other objects than renderChart with no options',
    };
  const want = documents(helm[0].text);
  const equal = equalModuloNoise(want, helm[1].ok ? documents(helm[1].text) : want, documents(r1.text));
  return { name, equal, bothRejected: false, bytes: r1.text === helm[0].text, deterministic, detail: equal ? '' : 'helm template printed other documents' };
}

describe('fjord render vs helm template --include-crds (v4.2.4): helm-stable-charts with defaults', () => {
  const verdicts: Verdict[] = [];

  beforeAll(async () => {
    const helm = (await ensureBinaries({ log: () => undefined })).helm;
    const home = mkdtempSync(join(tmpdir(), 'fjord-cli-helm-conformance-'));
    try {
      const dirs = cases.map((c) => join(c.root, c.dir));
      const first = await mapConcurrent(dirs, 2, (d) => helmTemplate(helm, d, home));
      const second = await mapConcurrent(dirs, 2, (d) => helmTemplate(helm, d, home));
      const cli = await mapConcurrent(dirs, 1, fjordRender);
      cases.forEach((c, i) => verdicts.push(verdict(c, [first[i], second[i]], cli[i])));
    } finally {
      rmSync(home, { recursive: true, force: true });
    }
    const equal = verdicts.filter((v) => v.equal).length;
    const rejected = verdicts.filter((v) => v.bothRejected).length;
    const bytes = verdicts.filter((v) => v.bytes).length;
    const steady = verdicts.filter((v) => v.deterministic);
    const lines = verdicts.filter((v) => !v.equal || v.bothRejected).map((v) => `${v.equal ? 'REJECTED BY BOTH' : 'DIFF'} ${v.name}: ${v.detail}`);
    console.log(
      [
        `fjord render vs helm: ${verdicts.length} charts, ${equal} equal (${rejected} rejected by both), ${bytes}/${verdicts.length - rejected} byte-identical; ` +
          `helm printed the same text twice for ${steady.length}, of which ${steady.filter((v) => v.bytes).length} byte-identical`,
        ...lines,
      ].join('\n'),
    );
  }, 1_800_000);

  it('finds the corpus', () => {
    expect(cases.length).toBeGreaterThan(130);
  });

  it('renders every chart as helm does, except the documented known differences', () => {
    expect(verdicts.filter((v) => !v.equal && !(v.name in KNOWN_DIFFERENT)).map((v) => `${v.name}: ${v.detail}`)).toEqual([]);
    expect(verdicts.filter((v) => v.equal && v.name in KNOWN_DIFFERENT).map((v) => v.name)).toEqual([]);
  });
});
