import { MemoryFileSystem } from '@fjord/source-fs';
import { renderChart } from './index';
import { loadValues } from './values-file';
import { readYaml, YamlReadError } from './yaml-read';

// Helm reads values, Chart.yaml and rendered templates with sigs.k8s.io/yaml; so does Fjord, through @fjord/k8s-yaml
// (whose read-yaml.spec.ts holds the cases the yaml fuzzer found). These check the paths through Helm.
describe('Helm reads YAML as sigs.k8s.io/yaml does', () => {
  it("renders a template whose flow sequence continues at its key's indentation, as helm template does (stable/minio, issue 17)", () => {
    const fs = new MemoryFileSystem({
      'c/Chart.yaml': 'apiVersion: v2\nname: c\nversion: 0.1.0\n',
      'c/values.yaml': 'mountPath: /export\nextra: [a,\nb]\n',
      'c/templates/deployment.yaml': [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'metadata:',
        '  name: {{ .Release.Name }}',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: store',
        '          command: [ "/bin/sh",',
        '          "-ce",',
        '          "/usr/bin/docker-entrypoint.sh server {{ .Values.mountPath }}" ]',
        '          args: {{ toJson .Values.extra }}',
        '',
      ].join('\n'),
    });
    const [deploy] = renderChart(fs, 'c', { releaseName: 'rel' }).manifests;
    expect(deploy.object.spec).toEqual({
      template: { spec: { containers: [{ name: 'store', command: ['/bin/sh', '-ce', '/usr/bin/docker-entrypoint.sh server /export'], args: ['a', 'b'] }] } },
    });
  });

  it('splits a values file at --- lines and merges its documents, each read alone', () => {
    expect(loadValues('a: {x: 1}\n---\n# only a comment\n---\na: {port: on}\nb: 0x10\n')).toEqual({ a: { x: 1, port: true }, b: 16 });
  });

  it("keeps Helm's error form, with the line", () => {
    expect(() => readYaml('a: 1\nb: c: d\n')).toThrow(new YamlReadError('yaml: line 2: Nested mappings are not allowed in compact mappings', 2));
  });
});
