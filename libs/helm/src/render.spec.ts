import { join } from 'node:path';
import { DiskFileSystem } from '@fjord/repo-fs';
import { MemoryFileSystem, SourceError } from '@fjord/source-fs';
import { renderChart } from './index';

const testdata = new DiskFileSystem(join(__dirname, '..', 'testdata'));
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- test access into arbitrary manifests
type Loose = Record<string, any>;
const find = (r: ReturnType<typeof renderChart>, name: string): Loose => r.manifests.find((m) => m.object.metadata?.name === name)?.object as Loose;

describe('renderChart (basic chart)', () => {
  const r = renderChart(testdata, 'basic', { releaseName: 'rel', kubeVersion: '1.29.3' });

  it('emits CRDs first, then manifests by kind, then known hooks (unknown hook events dropped)', () => {
    expect(r.manifests.map((m) => `${m.origin}:${m.object.kind}/${m.object.metadata?.name}`)).toEqual([
      'crd:CustomResourceDefinition/widgets.example.com',
      'template:ConfigMap/files',
      'template:Service/svc',
      'template:Deployment/rel-basic',
      'hook:Pod/test',
      'hook:Job/migrate',
    ]);
    expect(r.manifests[0].source).toBe('basic/crds/crd.yaml');
  });

  it('reads values as Helm does: numbers are float64, printed Go style', () => {
    const d = find(r, 'rel-basic');
    expect(d.metadata.annotations).toMatchObject({
      'replicas-printed': '3',
      'big-printed': '1e+06',
      type: 'float64',
      kube: 'v1.29.3',
      'has-apps': 'true',
      missing: '',
      template: 'basic/templates/deployment.yaml',
      appVersion: '2.0',
    });
    expect(d.metadata.labels).toEqual({ tier: 'web' });
    expect(d.spec.replicas).toBe(3);
  });

  it('gives templates .Files (helmignore applied), tpl and AsConfig', () => {
    const cm = find(r, 'files');
    expect(cm.data).toEqual({ a: 'hello\nworld\n', lines: '2', bak: '', tpl: 'nginx:1.2.3', 'a.txt': 'hello\nworld\n', 'b.yaml': 'b: 2\n' });
  });

  it('renders NOTES.txt separately and prints helm template text', () => {
    expect(r.notes).toBe('Installed rel.\n');
    expect(r.text).toContain('---\n# Source: basic/templates/deployment.yaml\n');
    expect(r.text.startsWith('---\n# Source: basic/crds/crd.yaml\n')).toBe(true);
  });

  it('honours skipCrds, skipTests, values and parameters', () => {
    const s = renderChart(testdata, 'basic', {
      skipCrds: true,
      skipTests: true,
      values: 'replicas: 5\nremoveMe: null',
      parameters: [
        { name: 'labels.tier', value: '007', forceString: true },
        { name: 'image', value: 'a,b' },
      ],
    });
    expect(s.manifests.map((m) => m.object.metadata?.name)).toEqual(['files', 'svc', 'release-name-basic', 'migrate']);
    const d = find(s, 'release-name-basic');
    expect(d.spec.replicas).toBe(5);
    expect(d.metadata.labels).toEqual({ tier: '007' });
    expect(find(s, 'files').data.tpl).toBe('a,b:1.2.3');
  });

  it('checks kubeVersion with Helm semver rules', () => {
    expect(() => renderChart(testdata, 'basic', { kubeVersion: '1.18.0' })).toThrow(
      /chart requires kubeVersion: >=1.19.0-0 which is incompatible with Kubernetes v1.18.0/,
    );
    expect(() => renderChart(testdata, 'basic', { kubeVersion: 'v1.30.1-eks-123' })).not.toThrow();
  });

  it('reports missing value files unless told to ignore them', () => {
    expect(() => renderChart(testdata, 'basic', { valueFiles: ['nope.yaml'] })).toThrow(SourceError);
    expect(() => renderChart(testdata, 'basic', { valueFiles: ['nope.yaml'], ignoreMissingValueFiles: true })).not.toThrow();
    expect(() => renderChart(testdata, 'basic', { valueFiles: ['../../etc/passwd'] })).toThrow(/leaves the repository/);
  });
});

describe('renderChart (dependencies)', () => {
  const r = renderChart(testdata, 'deps', {});

  it('applies condition, tags, alias, library charts and globals', () => {
    expect(r.manifests.map((m) => `${m.source}:${m.object.metadata?.name}`)).toEqual([
      'deps/charts/second/templates/cm.yaml:second',
      'deps/templates/cm.yaml:parent',
    ]);
    expect(find(r, 'second').data).toEqual({ greeting: 'from-parent', region: 'eu' });
  });

  it('imports values from subcharts (parent values win) and lists .Subcharts', () => {
    const cm = find(r, 'parent');
    expect(JSON.parse(cm.data.imported)).toEqual({ mine: 'parent-wins', other: 'child-only' });
    expect(cm.data.fromExports).toBe('yes-exported');
    expect(cm.data.subcharts).toBe('lib,second');
    expect(cm.metadata.labels).toEqual({ app: 'deps' });
  });

  it('enables a subchart through its condition and drops it through tags', () => {
    const on = renderChart(testdata, 'deps', {
      parameters: [
        { name: 'sub1.enabled', value: 'true' },
        { name: 'tags.extra', value: 'false' },
      ],
    });
    expect(on.manifests.map((m) => m.object.metadata?.name)).toEqual(['sub1', 'parent']);
  });
});

describe('renderChart errors', () => {
  const chart = (tpl: string, values = ''): MemoryFileSystem =>
    new MemoryFileSystem({ 'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n', 'c/values.yaml': values, 'c/templates/x.yaml': tpl });

  it('names the template and line of an execution error', () => {
    const err = (() => {
      try {
        renderChart(chart('a: 1\nb: {{ .Values.x.y.z }}\n'), 'c');
      } catch (e) {
        return e as SourceError;
      }
      throw new Error('no error');
    })();
    expect(err).toBeInstanceOf(SourceError);
    expect(err.location).toMatchObject({ file: 'c/templates/x.yaml', line: 2 });
    expect(err.message).toContain('c/templates/x.yaml:2:');
    expect(err.message).toContain('nil pointer evaluating interface {}.y');
  });

  it('reports required and fail messages as Helm does', () => {
    expect(() => renderChart(chart('{{ required "image.tag is required" .Values.image }}'), 'c')).toThrow(
      'execution error at (c/templates/x.yaml:1:3): image.tag is required',
    );
    expect(() => renderChart(chart('{{ fail "boom" }}'), 'c')).toThrow('execution error at (c/templates/x.yaml:1:3): boom');
  });

  it('reports parse errors and invalid YAML', () => {
    expect(() => renderChart(chart('{{ nope }}'), 'c')).toThrow(/parse error at \(c\/templates\/x.yaml:1\): function "nope" not defined/);
    expect(() => renderChart(chart('a: b: c'), 'c')).toThrow(/YAML parse error on c\/templates\/x.yaml/);
  });

  it('bounds recursive include and tpl without crashing', () => {
    expect(() => renderChart(chart('{{ define "l" }}{{ include "l" . }}{{ end }}{{ include "l" . }}'), 'c')).toThrow(SourceError);
    expect(() => renderChart(chart('{{ tpl .Values.t . }}', 't: "{{ tpl .Values.t . }}"'), 'c')).toThrow(SourceError);
  });

  it('bounds output size', () => {
    const fs = chart('{{ range until 2000 }}{{ $.Values.s }}{{ end }}', `s: "${'x'.repeat(1000)}"`);
    expect(() => renderChart(fs, 'c', { engineLimits: { maxIncludeDepth: 1000, maxTplDepth: 10, maxOutputSize: 100_000 } })).toThrow(/exceeds the limit/);
  });

  it('validates values.schema.json', () => {
    const withSchema = new MemoryFileSystem({
      'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
      'c/values.yaml': 'port: 80\n',
      'c/templates/x.yaml': 'a: 1',
      'c/values.schema.json': JSON.stringify({ type: 'object', properties: { port: { type: 'integer', maximum: 100 } }, required: ['port'] }),
    });
    expect(() => renderChart(withSchema, 'c')).not.toThrow();
    expect(() => renderChart(withSchema, 'c', { parameters: [{ name: 'port', value: '1000' }] })).toThrow(/values don't meet the specifications/);
    expect(() => renderChart(withSchema, 'c', { parameters: [{ name: 'port', value: '1000' }], skipSchemaValidation: true })).not.toThrow();
  });

  it('refuses library charts and missing dependencies', () => {
    const lib = new MemoryFileSystem({ 'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\ntype: library\n' });
    expect(() => renderChart(lib, 'c')).toThrow('library charts are not installable');
    const missing = new MemoryFileSystem({ 'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\ndependencies:\n- name: redis\n  version: 1.x\n' });
    expect(() => renderChart(missing, 'c')).toThrow(/missing in charts\/ directory: redis/);
  });
});
