/**
 * Helm's own golden outputs (pkg/cmd/testdata/output/template*.txt and object-order/issue-9027) for the charts in
 * the shared corpus, rendered by Fjord with the options of each `helm template` command in helm's template_test.go.
 * Helm's tests run with the testing KubeVersion v1.20.0. Parsed objects and order must match; bytes are reported.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { globMatch, GlobDialect } from '@fjord/argo';
import { DiskFileSystem } from '@fjord/repo-fs';
import { parseAllDocuments } from 'yaml';
import { renderChart, type HelmRenderOptions } from './index';

const root = join(__dirname, '..', '..', '..', '..', 'shared', 'corpus', 'helm-testdata');
const charts = join(root, 'testcharts');

interface GoldenCase {
  golden: string;
  chart: string;
  options?: HelmRenderOptions;
  /** `--show-only` patterns (template paths relative to the chart). */
  showOnly?: string[];
  /** The command fails; the golden holds its error. */
  error?: boolean;
}

/** Helm parameters as written on the command line (`--set name=value`, in order). */
const set = (...flags: string[]): HelmRenderOptions['parameters'] =>
  flags.map((flag) => ({ name: flag.slice(0, flag.indexOf('=')), value: flag.slice(flag.indexOf('=') + 1) }));

const sub = 'subchart';
const CASES: GoldenCase[] = [
  { golden: 'template.txt', chart: sub },
  { golden: 'template-set.txt', chart: sub, options: { parameters: set('service.name=apache') } },
  { golden: 'template-values-files.txt', chart: sub, options: { valueFiles: ['charts/subchartA/values.yaml'] } },
  // --name-template='foobar-{{ b64enc "abc" | lower }}-baz' evaluates to this release name.
  { golden: 'template-name-template.txt', chart: sub, options: { releaseName: 'foobar-ywjj-baz' } },
  { golden: 'template-lib-chart.txt', chart: 'lib-chart', error: true },
  { golden: 'template-chart-bad-type.txt', chart: 'chart-bad-type', error: true },
  { golden: 'template-chart-with-template-lib-dep.txt', chart: 'chart-with-template-lib-dep' },
  { golden: 'template-chart-with-template-lib-archive-dep.txt', chart: 'chart-with-template-lib-archive-dep' },
  { golden: 'template-with-kube-version.txt', chart: sub, options: { kubeVersion: '1.16.0' } },
  { golden: 'template-with-api-version.txt', chart: sub, options: { apiVersions: ['helm.k8s.io/test', 'helm.k8s.io/test2'] } },
  { golden: 'template-with-crds.txt', chart: sub, options: { skipCrds: false } },
  { golden: 'template-show-only-one.txt', chart: sub, showOnly: ['templates/service.yaml'] },
  { golden: 'template-show-only-multiple.txt', chart: sub, showOnly: ['templates/service.yaml', 'charts/subcharta/templates/service.yaml'] },
  { golden: 'template-show-only-glob.txt', chart: sub, showOnly: ['templates/subdir/role*'] },
  { golden: 'object-order.txt', chart: 'object-order' },
  { golden: 'template-with-invalid-yaml.txt', chart: 'chart-with-template-with-invalid-yaml', error: true },
  { golden: 'template-with-invalid-yaml-debug.txt', chart: 'chart-with-template-with-invalid-yaml', error: true },
  { golden: 'template-with-invalid-template-expr-debug-show-only.txt', chart: 'chart-with-template-with-invalid-template-expr', error: true },
  { golden: 'template-skip-tests.txt', chart: sub, options: { skipTests: true } },
  { golden: 'issue-9027.txt', chart: 'issue-9027' },
  {
    golden: 'template-subchart-cm.txt',
    chart: sub,
    options: { parameters: set('configmap.enabled=true', 'subchartb.enabled=true') },
  },
  {
    golden: 'template-subchart-cm-set.txt',
    chart: sub,
    options: { parameters: set('configmap.enabled=true', 'subchartb.enabled=true', 'configmap.value=baz') },
  },
  { golden: 'template-subchart-cm-set-file.txt', chart: sub, options: { valueFiles: ['extra_values.yaml'] } },
];

const parse = (text: string): unknown[] =>
  parseAllDocuments(text)
    .map((d) => d.toJS() as unknown)
    .filter((v) => v !== null && v !== undefined);

/** `--show-only`: keep the documents whose `# Source:` path (without the chart name) matches a pattern. */
function showOnly(text: string, patterns: string[]): string {
  const docs = text.split(/^---\n/m).filter((d) => d.trim() !== '');
  const keep = patterns.flatMap((p) =>
    docs.filter((d) => {
      const m = /^# Source: [^/]+\/(.+)$/m.exec(d);
      return m !== null && globMatch(p, m[1], GlobDialect.GoFilepath);
    }),
  );
  return keep.map((d) => `---\n${d.replace(/\n+$/, '')}\n`).join('');
}

describe('helm golden outputs (helm template, pkg/cmd/testdata)', () => {
  const fs = new DiskFileSystem(charts);
  let equal = 0;
  let bytes = 0;

  afterAll(() => {
    console.log(`helm goldens: ${equal}/${CASES.length} equal, ${bytes}/${CASES.length} byte-identical`);
  });

  it.each(CASES.map((c) => [c.golden, c] as const))('%s', (_name, c) => {
    const golden = readFileSync(join(root, 'output', c.golden), 'utf8');
    const render = (): string => renderChart(fs, c.chart, { kubeVersion: '1.20.0', skipCrds: true, ...c.options }).text;
    if (c.error) {
      expect(render).toThrow();
      equal++;
      return;
    }
    let text = render();
    if (c.showOnly) text = showOnly(text, c.showOnly);
    expect(parse(text)).toEqual(parse(golden));
    equal++;
    if (text === golden) bytes++;
  });
});
