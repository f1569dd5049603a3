/**
 * Completeness: every field of kustomize's Kustomization type is either implemented or refused with an error that
 * names it. The list is sigs.k8s.io/kustomize/api v0.21.1 `types.Kustomization` (the version kustomize v5.8.1 pins),
 * printed by the fuzzer's Go oracle (`tools/fuzz/oracles/kustomize -fields`, reflection over the JSON tags).
 */
import { MemoryFileSystem, SourceError } from '@fjord/source-fs';
import { buildKustomization } from './index';

const UPSTREAM_FIELDS = [
  'kind', 'apiVersion', 'metadata', 'openapi', 'namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'labels',
  'commonAnnotations', 'patchesStrategicMerge', 'patchesJson6902', 'patches', 'images', 'imageTags', 'replacements',
  'replicas', 'vars', 'sortOptions', 'resources', 'components', 'crds', 'bases', 'configMapGenerator', 'secretGenerator',
  'helmGlobals', 'helmCharts', 'helmChartInflationGenerator', 'generatorOptions', 'configurations', 'generators',
  'transformers', 'validators', 'buildMetadata',
]; // prettier-ignore

/** Fields Fjord refuses on purpose (exec and container KRM plugins; see the README's non-goals). */
const REFUSED = new Set(['generators', 'transformers', 'validators']);

/** A small use of each field, in YAML. */
const USES: Record<string, string> = {
  kind: 'kind: Kustomization',
  apiVersion: 'apiVersion: kustomize.config.k8s.io/v1beta1',
  metadata: 'metadata: {name: app}',
  openapi: 'openapi: {version: v1.21.2}',
  namePrefix: 'namePrefix: p-',
  nameSuffix: 'nameSuffix: -s',
  namespace: 'namespace: prod',
  commonLabels: 'commonLabels: {team: a}',
  labels: 'labels: [{pairs: {team: a}, includeSelectors: true}]',
  commonAnnotations: 'commonAnnotations: {note: a}',
  patchesStrategicMerge: 'patchesStrategicMerge: [patch.yaml]',
  patchesJson6902: 'patchesJson6902: [{target: {version: v1, kind: ConfigMap, name: cm}, path: ops.yaml}]',
  patches: 'patches: [{path: patch.yaml}]',
  images: 'images: [{name: nginx, newTag: "2"}]',
  imageTags: 'imageTags: [{name: nginx, newTag: "2"}]',
  replacements:
    'replacements: [{source: {kind: ConfigMap, name: cm, fieldPath: data.k}, targets: [{select: {kind: Deployment}, fieldPaths: [spec.template.spec.containers.0.image]}]}]',
  replicas: 'replicas: [{name: web, count: 3}]',
  vars: 'vars: [{name: K, objref: {apiVersion: v1, kind: ConfigMap, name: cm}, fieldref: {fieldpath: data.k}}]',
  sortOptions: 'sortOptions: {order: fifo}',
  resources: 'resources: [base]',
  components: 'components: [comp]',
  crds: 'crds: [crd.json]',
  bases: 'bases: [base]',
  configMapGenerator: 'configMapGenerator: [{name: gen, literals: [a=b]}]',
  secretGenerator: 'secretGenerator: [{name: gen, literals: [a=b]}]',
  helmGlobals: 'helmGlobals: {chartHome: charts}',
  helmCharts: 'helmCharts: [{name: chart, releaseName: r}]',
  helmChartInflationGenerator: 'helmChartInflationGenerator: [{chartName: chart, releaseName: r}]',
  generatorOptions: 'generatorOptions: {disableNameSuffixHash: true}',
  configurations: 'configurations: [conf.yaml]',
  generators: 'generators: [plugin.yaml]',
  transformers: 'transformers: [plugin.yaml]',
  validators: 'validators: [plugin.yaml]',
  buildMetadata: 'buildMetadata: [managedByLabel]',
};

const FILES: Record<string, string> = {
  'base/kustomization.yaml': 'resources: [cm.yaml, deploy.yaml]\n',
  'base/cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {k: v}\n',
  'base/deploy.yaml':
    'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: nginx}]\n',
  'comp/kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1alpha1\nkind: Component\ncommonAnnotations: {comp: "yes"}\n',
  'patch.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\ndata: {p: q}\n',
  'ops.yaml': '[{op: add, path: /data/o, value: x}]\n',
  'crd.json': '{"kind": "CustomResourceDefinition", "apiVersion": "apiextensions.k8s.io/v1", "metadata": {"name": "gadgets.example.com"}}\n',
  'conf.yaml': 'commonLabels: [{path: spec/extra, kind: Deployment, create: true}]\n',
  'plugin.yaml': 'apiVersion: example.com/v1\nkind: Plugin\nmetadata: {name: p}\n',
};

describe('Kustomization fields (kustomize v5.8.1)', () => {
  it('lists every upstream field once, with a use for each', () => {
    expect(new Set(UPSTREAM_FIELDS).size).toBe(UPSTREAM_FIELDS.length);
    expect(Object.keys(USES).sort()).toEqual([...UPSTREAM_FIELDS].sort());
  });

  it.each(UPSTREAM_FIELDS.filter((f) => !REFUSED.has(f)))('implements %s', (field) => {
    const needsBase = !['resources', 'bases'].includes(field);
    const text = `${needsBase ? 'resources: [base]\n' : ''}${USES[field]}\n`;
    const fs = new MemoryFileSystem({ ...FILES, 'kustomization.yaml': text });
    let error: unknown;
    try {
      buildKustomization(fs, '.', { helmCharts: () => [] });
    } catch (err) {
      error = err;
    }
    // Helm charts render through the caller's hook; with one that gives nothing the build succeeds.
    expect(error).toBeUndefined();
  });

  it.each([...REFUSED])('refuses %s with an error naming the field', (field) => {
    const fs = new MemoryFileSystem({ ...FILES, 'kustomization.yaml': `resources: [base]\n${USES[field]}\n` });
    expect(() => buildKustomization(fs, '.')).toThrow(SourceError);
    expect(() => buildKustomization(fs, '.')).toThrow(field);
  });
});
