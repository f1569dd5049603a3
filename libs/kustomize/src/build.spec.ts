/* eslint-disable @typescript-eslint/no-explicit-any -- the tests dig into untyped Kubernetes objects */
import { MemoryFileSystem, SourceError } from '@fjord/source-fs';
import { buildKustomization, isKustomization, stringifyKustomizeOutput, type RemoteResolver } from './index';

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata: {name: web}
spec:
  template:
    spec:
      containers:
      - name: web
        image: nginx:1.25
        envFrom: [{configMapRef: {name: cfg}}]
`;

describe('buildKustomization', () => {
  it("gives generated objects kustomize's hash suffix and rewrites references after prefixing", () => {
    const fs = new MemoryFileSystem({
      'app/kustomization.yaml':
        'namePrefix: p-\nresources: [d.yaml]\nconfigMapGenerator:\n- name: cfg\n  literals: [a=b]\nsecretGenerator:\n- name: s\n  literals: [a=b]\n',
      'app/d.yaml': deployment,
    });
    const out = buildKustomization(fs, 'app');
    expect(out.map((o) => `${o.kind}/${(o.metadata as { name: string }).name}`)).toEqual([
      'ConfigMap/p-cfg-4h2mbtbbt6',
      'Secret/p-s-k695gkmbtk',
      'Deployment/p-web',
    ]);
    const env = (out[2] as any).spec.template.spec.containers[0].envFrom[0];
    expect(env.configMapRef.name).toBe('p-cfg-4h2mbtbbt6');
  });

  it('applies namespace, labels with selectors, annotations, images and replicas', () => {
    const fs = new MemoryFileSystem({
      'kustomization.yaml': [
        'resources: [d.yaml]',
        'namespace: prod',
        'commonLabels: {app: web}',
        'commonAnnotations: {team: a}',
        'images: [{name: nginx, newTag: "1.27"}]',
        'replicas: [{name: web, count: 2}]',
      ].join('\n'),
      'd.yaml': deployment,
    });
    const [d] = buildKustomization(fs, '') as any[];
    expect(d.metadata).toEqual({ name: 'web', namespace: 'prod', labels: { app: 'web' }, annotations: { team: 'a' } });
    expect(d.spec.selector.matchLabels).toEqual({ app: 'web' });
    expect(d.spec.replicas).toBe(2);
    expect(d.spec.template.metadata).toEqual({ labels: { app: 'web' }, annotations: { team: 'a' } });
    expect(d.spec.template.spec.containers[0].image).toBe('nginx:1.27');
  });

  it('merges overlays over bases and components into the same accumulation', () => {
    const fs = new MemoryFileSystem({
      'base/kustomization.yaml': 'resources: [d.yaml]',
      'base/d.yaml': deployment,
      'comp/kustomization.yaml': 'kind: Component\napiVersion: kustomize.config.k8s.io/v1alpha1\ncommonLabels: {c: "1"}',
      'overlay/kustomization.yaml': 'bases: [../base]\ncomponents: [../comp]\nnameSuffix: -x',
    });
    const [d] = buildKustomization(fs, 'overlay') as any[];
    expect(d.metadata).toEqual({ name: 'web-x', labels: { c: '1' } });
  });

  it('orders output legacy-style by default and FIFO on request', () => {
    const fs = new MemoryFileSystem({
      'kustomization.yaml': 'resources: [r.yaml]',
      'r.yaml': 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n---\napiVersion: v1\nkind: Namespace\nmetadata: {name: n}\n',
    });
    expect(buildKustomization(fs, '').map((o) => o.kind)).toEqual(['Namespace', 'Deployment']);
    expect(buildKustomization(fs, '', { reorder: 'none' }).map((o) => o.kind)).toEqual(['Deployment', 'Namespace']);
  });

  it('reads remote bases through the resolver it is given, and refuses them without one', () => {
    const remote = new MemoryFileSystem({ 'guestbook/kustomization.yaml': 'resources: [d.yaml]', 'guestbook/d.yaml': deployment });
    const resolver: RemoteResolver = { resolve: (url) => ({ fs: remote, path: url.split('//').pop()?.split('?')[0] ?? '' }) };
    const fs = new MemoryFileSystem({ 'kustomization.yaml': 'resources: [https://git.example.com/org/repo//guestbook?ref=v1]\nnamePrefix: child-' });
    expect((buildKustomization(fs, '', { remoteResolver: resolver })[0].metadata as any).name).toBe('child-web');
    expect(() => buildKustomization(fs, '')).toThrow('kustomization.yaml: resources[0]: remote resource');
  });

  it.each([
    ['unknown field', { 'kustomization.yaml': 'resourcez: []' }, 'kustomization.yaml: resourcez: invalid Kustomization: json: unknown field "resourcez"'],
    ['missing file', { 'kustomization.yaml': 'resources: [nope.yaml]' }, 'kustomization.yaml: resources[0]: accumulating resources'],
    ['path outside the repository', { 'kustomization.yaml': 'resources: [../../etc]' }, 'leaves the repository root'],
    ['cycle', { 'a/kustomization.yaml': 'resources: [../b]', 'b/kustomization.yaml': 'resources: [../a]' }, 'cycle detected'],
    [
      'absent patch target',
      { 'kustomization.yaml': 'patches:\n- patch: "kind: ConfigMap\\napiVersion: v1\\nmetadata: {name: x}"' },
      'kustomization.yaml: patches[0]: no resource matches',
    ],
    [
      'helmCharts without a Helm engine',
      { 'kustomization.yaml': 'helmCharts: [{name: x}]' },
      'kustomization.yaml: helmCharts[0]: helmCharts are not supported',
    ],
  ])('rejects %s with a SourceError naming file and field', (_name, files, message) => {
    const fs = new MemoryFileSystem(files as Record<string, string>);
    const dir = 'a/kustomization.yaml' in files ? 'a' : '';
    expect(() => buildKustomization(fs, dir)).toThrow(SourceError);
    expect(() => buildKustomization(fs, dir)).toThrow(message);
  });

  it('recognises kustomization directories', () => {
    const fs = new MemoryFileSystem({ 'a/Kustomization': 'resources: []', 'b/x.yaml': 'kind: X' });
    expect(isKustomization(fs, 'a')).toBe(true);
    expect(isKustomization(fs, 'b')).toBe(false);
  });

  it("prints what it builds in kustomize's YAML layout", () => {
    const fs = new MemoryFileSystem({
      'kustomization.yaml': 'configMapGenerator:\n- name: c\n  literals: ["x=yes", "y=a\\nb"]\n  options: {disableNameSuffixHash: true}',
    });
    expect(stringifyKustomizeOutput(buildKustomization(fs, ''))).toBe(
      'apiVersion: v1\ndata:\n  x: "yes"\n  "y": |-\n    a\n    b\nkind: ConfigMap\nmetadata:\n  name: c\n',
    );
  });
});
