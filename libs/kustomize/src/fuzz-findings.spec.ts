/* eslint-disable @typescript-eslint/no-explicit-any -- the tests dig into untyped Kubernetes objects */
/**
 * Differences the kustomize differential fuzzer (tools/fuzz, engine `kustomize`) found between Fjord and kustomize
 * v5.8.1, each fixed; every expectation here is what the real kustomize gives for the same input.
 */
import { MemoryFileSystem } from '@fjord/source-fs';
import { goJsonString } from './go-json';
import { buildKustomization } from './index';

const build = (files: Record<string, string>) => buildKustomization(new MemoryFileSystem(files), '.') as any[];
const cm = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: v}\n';

/** A kustomization of cm.yaml with the replacements written as these YAML lines. */
const withReplacements = (...lines: string[]) => ['resources: [cm.yaml]', 'replacements:', ...lines, ''].join('\n');

describe('kustomize fuzz findings', () => {
  it("lets a generator's own option win over generatorOptions for the same label or annotation", () => {
    const out = build({
      'kustomization.yaml':
        'generatorOptions: {annotations: {why: global, g: x}}\nconfigMapGenerator:\n- name: c\n  literals: [a=b]\n  options: {annotations: {why: local}}\n',
    });
    expect(out[0].metadata.annotations).toEqual({ why: 'local', g: 'x' });
  });

  it('reads env files as kustomize 5.8.1: any key name, `=v` lines skipped, a bare name gives ""', () => {
    const out = build({
      'kustomization.yaml': 'configMapGenerator:\n- name: c\n  envs: [a.env]\n',
      'a.env': '4a=digit first\n=skipped\n\u00a0 BARE\nX=a=b\r\n',
    });
    expect(out[0].data).toEqual({ '4a': 'digit first', BARE: '', X: 'a=b' });
  });

  it('rejects a file source with more than one `=`', () => {
    expect(() => build({ 'kustomization.yaml': 'configMapGenerator:\n- name: c\n  files: [k=a=b]\n', a: 'x' })).toThrow("key name or file path contains '='");
  });

  it("rejects a commonAnnotations or commonLabels value that is not a string, as kustomize's JSON decoding does", () => {
    expect(() => build({ 'kustomization.yaml': 'resources: [cm.yaml]\ncommonAnnotations: {n: 0o17}\n', 'cm.yaml': cm })).toThrow(
      'cannot unmarshal number into Go struct field Kustomization.commonAnnotations of type string',
    );
    expect(() => build({ 'kustomization.yaml': 'resources: [cm.yaml]\ncommonLabels: {b: true}\n', 'cm.yaml': cm })).toThrow('cannot unmarshal bool');
  });

  it('splits a created replacement target as "" (one part), so index 1 with a delimiter appends after it', () => {
    const out = build({
      'kustomization.yaml': withReplacements(
        '- source: {kind: ConfigMap, name: a, fieldPath: metadata.name}',
        '  targets:',
        '  - select: {kind: ConfigMap}',
        '    fieldPaths: [metadata.annotations.copied]',
        '    options: {create: true, delimiter: "-", index: 1}',
      ),
      'cm.yaml': cm,
    });
    expect(out[0].metadata.annotations).toEqual({ copied: '-a' });
  });

  it("gives a targeted strategic merge patch each target's apiVersion (and keeps the target's kind)", () => {
    const out = build({
      'kustomization.yaml':
        'resources: [cm.yaml]\npatches:\n- target: {name: a}\n  patch: |\n    apiVersion: apps/v1\n    kind: Deployment\n    metadata: {name: x}\n    data: {p: q}\n',
      'cm.yaml': cm,
    });
    expect(out[0]).toEqual({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a' }, data: { k: 'v', p: 'q' } });
  });

  it('refuses two strategic merge patches in one targeted `patches` entry', () => {
    expect(() =>
      build({
        'kustomization.yaml':
          'resources: [cm.yaml]\npatches:\n- target: {name: a}\n  patch: |\n    kind: ConfigMap\n    metadata: {name: a}\n    ---\n    kind: ConfigMap\n    metadata: {name: a}\n',
        'cm.yaml': cm,
      }),
    ).toThrow('Multiple Strategic-Merge Patches');
  });

  it('lets a JSON patch add under /metadata/annotations of an object that has none (kustomize keeps its own there)', () => {
    const out = build({
      'kustomization.yaml':
        'resources: [cm.yaml]\npatches:\n- target: {kind: ConfigMap}\n  patch: \'[{"op": "add", "path": "/metadata/annotations/x", "value": "y"}]\'\n',
      'cm.yaml': cm,
    });
    expect(out[0].metadata.annotations).toEqual({ x: 'y' });
  });

  it('prints annotation values as strings: numbers and bools as text, null as "null", maps and lists as ""', () => {
    const out = build({
      'kustomization.yaml': 'resources: [cm.yaml]\n',
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\n  annotations: {a: 1, c: true, d: {x: 1}, e: null, f: [1]}\n  labels: {a: 1}\n',
    });
    expect(out[0].metadata.annotations).toEqual({ a: '1', c: 'true', d: '', e: 'null', f: '' });
    expect(out[0].metadata.labels).toEqual({ a: 1 });
  });

  const sts = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: db}\nspec:\n  template:\n    spec:\n      containers: [{name: c, image: pg}]\n';

  it('creates no volumeClaimTemplates on a StatefulSet without them (a list segment is never created)', () => {
    const out = build({ 'kustomization.yaml': 'resources: [sts.yaml]\ncommonLabels: {env: a}\n', 'sts.yaml': sts });
    expect(out[0].spec.volumeClaimTemplates).toBeUndefined();
    expect(out[0].spec.template.metadata.labels).toEqual({ env: 'a' });
  });

  it('labels volume claim templates with `labels` includeTemplates (upstream templateLabels include them)', () => {
    const withClaims = `${sts}  volumeClaimTemplates: [{metadata: {name: data}}]\n`;
    const out = build({ 'kustomization.yaml': 'resources: [sts.yaml]\nlabels: [{pairs: {team: a}, includeTemplates: true}]\n', 'sts.yaml': withClaims });
    expect(out[0].spec.volumeClaimTemplates[0].metadata.labels).toEqual({ team: 'a' });
  });

  it('drops an annotations map left empty (by the source or by a patch)', () => {
    const out = build({
      'kustomization.yaml': 'resources: [cm.yaml]\npatches:\n- target: {name: b}\n  patch: \'[{"op": "remove", "path": "/metadata/annotations/n"}]\'\n',
      'cm.yaml':
        'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a, annotations: {}}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: b, annotations: {n: x}}\n',
    });
    expect(out.map((o) => o.metadata)).toEqual([{ name: 'a' }, { name: 'b' }]);
  });

  it('keeps a base generated without a hash suffix unsuffixed through an overlay merge', () => {
    const fs = new MemoryFileSystem({
      'base/kustomization.yaml': 'generatorOptions: {disableNameSuffixHash: true}\nconfigMapGenerator:\n- name: cfg\n  literals: [a=b]\n',
      'overlay/kustomization.yaml': 'resources: [../base]\nconfigMapGenerator:\n- name: cfg\n  behavior: merge\n  literals: [c=d]\n',
    });
    const out = buildKustomization(fs, 'overlay') as any[];
    expect(out[0].metadata.name).toBe('cfg');
    expect(out[0].data).toEqual({ a: 'b', c: 'd' });
  });

  it('applies patchesStrategicMerge labels and annotations as string maps: a null map deletes nothing, a null value is "null"', () => {
    const files = {
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  annotations: {note: a}\n  labels: {l: b}\n',
      'p.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n  annotations: null\n  labels: {l: null, m: 1}\n',
    };
    const legacy = build({ ...files, 'kustomization.yaml': 'resources: [cm.yaml]\npatchesStrategicMerge: [p.yaml]\n' });
    expect(legacy[0].metadata).toEqual({ name: 'web', annotations: { note: 'a' }, labels: { l: 'null', m: '1' } });
    const targeted = build({ ...files, 'kustomization.yaml': 'resources: [cm.yaml]\npatches: [{path: p.yaml, target: {kind: ConfigMap}}]\n' });
    expect(targeted[0].metadata).toEqual(legacy[0].metadata);
    // Without a target the patch applies as written: the null deletes.
    const untargeted = build({ ...files, 'kustomization.yaml': 'resources: [cm.yaml]\npatches: [{path: p.yaml}]\n' });
    expect(untargeted[0].metadata).toEqual({ name: 'web', labels: { m: 1 } });
  });

  it('reads a replacement value into a created field as a plain YAML scalar ("" is null), and keeps an existing string a string', () => {
    const out = build({
      'kustomization.yaml': withReplacements(
        '- source: {kind: ConfigMap, name: a, fieldPath: data.empty}',
        '  targets: [{select: {kind: ConfigMap}, fieldPaths: [metadata.labels.created], options: {create: true}}]',
        '- source: {kind: ConfigMap, name: a, fieldPath: data.num}',
        '  targets: [{select: {kind: ConfigMap}, fieldPaths: [metadata.labels.n, data.s], options: {create: true}}]',
      ),
      // Block style: kustomize gives "" instead of null when the source map is written in flow style ({empty: ""}).
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  empty: ""\n  num: "5"\n  s: x\n',
    });
    expect(out[0].metadata.labels).toEqual({ created: null, n: 5 });
    const ann = build({
      'kustomization.yaml': withReplacements(
        '- source: {kind: ConfigMap, name: a, fieldPath: data.empty}',
        '  targets: [{select: {kind: ConfigMap}, fieldPaths: [metadata.annotations.copied], options: {create: true}}]',
      ),
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: a\ndata:\n  empty: ""\n',
    });
    expect(ann[0].metadata.annotations).toEqual({ copied: '' });
    expect(out[0].data.s).toBe('5');
  });

  it('hashes \\b and \\f as Go 1.22+ JSON writes them (short escapes), so a value with them is named as kustomize names it', () => {
    const out = build({ 'kustomization.yaml': 'configMapGenerator:\n- name: c\n  files: [f]\n', f: ':5\u0010\f\u0002' } as Record<string, string>);
    expect(out[0].metadata.name).toBe('c-2f42b52882');
    expect(goJsonString('\b\f\u0010')).toBe('"\\b\\f\\u0010"');
  });

  it("forgets an object's earlier names when an untargeted strategic merge patch sets `annotations: null` (kustomize keeps them there)", () => {
    const fs = new MemoryFileSystem({
      'base/kustomization.yaml': 'resources: [d.yaml]\nnamePrefix: x-\n',
      'base/d.yaml':
        'apiVersion: apps/v1\nkind: StatefulSet\nmetadata: {name: web}\nspec: {replicas: 7}\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 7}\n',
      'overlay/p.yaml': 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n  annotations: null\n',
      'overlay/kustomization.yaml': 'resources: [../base]\npatches: [{path: p.yaml}]\nreplicas: [{name: web, count: 1}]\n',
    });
    const out = buildKustomization(fs, 'overlay') as any[];
    expect(out.map((o) => [o.kind, o.spec.replicas])).toEqual([
      ['Deployment', 1],
      ['StatefulSet', 7],
    ]);
  });

  it('refuses a kustomization with nothing but apiVersion and kind, as kustomize does', () => {
    expect(() => build({ 'kustomization.yaml': 'apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\n' })).toThrow('kustomization.yaml is empty');
  });

  it('refuses a replacement of text that is no number into a number field (the target keeps its type)', () => {
    const files = {
      'd.yaml':
        'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: web}\nspec: {replicas: 3}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {n: "5"}\n',
    };
    const into = (fieldPath: string) =>
      build({
        ...files,
        'kustomization.yaml': `resources: [d.yaml]\nreplacements:\n- source: {kind: ConfigMap, name: c, fieldPath: ${fieldPath}}\n  targets: [{select: {kind: Deployment}, fieldPaths: [spec.replicas]}]\n`,
      });
    expect(into('data.n').find((o) => o.kind === 'Deployment').spec.replicas).toBe(5);
    expect(() => into('metadata.name')).toThrow('cannot decode !!str `c` as a !!int');
  });

  it('replaces a list that has no merge strategy with the patch list as written, `$patch: delete` elements and nulls included', () => {
    const out = build({
      's.yaml': 'apiVersion: v1\nkind: Service\nmetadata: {name: a}\nspec:\n  template:\n    spec:\n      containers: [{name: c1, image: x}]\n',
      'kustomization.yaml':
        'resources: [s.yaml]\npatches:\n- patch: |\n    apiVersion: v1\n    kind: Service\n    metadata: {name: a}\n    spec:\n      template:\n        spec:\n          containers:\n          - {name: c1, $patch: delete}\n          - {name: c2, x: null}\n',
    });
    expect(out[0].spec.template.spec.containers).toEqual([
      { name: 'c1', $patch: 'delete' },
      { name: 'c2', x: null },
    ]);
  });

  it('adds a list with no merge strategy where the object has none as written (a ConfigMap has no pod template schema)', () => {
    const out = build({
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n',
      'kustomization.yaml':
        'resources: [cm.yaml]\npatches:\n- target: {kind: ConfigMap}\n  patch: |\n    kind: Deployment\n    metadata: {name: a}\n    spec:\n      template:\n        spec:\n          containers: [{name: c1, $patch: delete}]\n',
    });
    expect(out[0].spec.template.spec.containers).toEqual([{ name: 'c1', $patch: 'delete' }]);
  });

  it('keeps a quoted string field quoted when the replicas transformer writes a count over it ("7"), not a plain one', () => {
    const deployment = 'apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {replicas: 1}\n';
    const withValue = (value: string) =>
      `resources: [d.yaml]\npatches:\n- target: {kind: Deployment}\n  patch: '[{"op": "replace", "path": "/spec/replicas", "value": "${value}"}]'\nreplicas:\n- {name: d, count: 7}\n`;
    expect(build({ 'd.yaml': deployment, 'kustomization.yaml': withValue('- a') })[0].spec.replicas).toBe('7');
    expect(build({ 'd.yaml': deployment, 'kustomization.yaml': withValue('abc') })[0].spec.replicas).toBe(7);
  });

  it('keeps a quoted string field quoted when a strategic merge patch writes a number over it ("0")', () => {
    const out = build({
      'w.yaml': 'apiVersion: example.com/v1\nkind: Widget\nmetadata: {name: w}\nspec: {size: 1, other: 2}\n',
      'kustomization.yaml': [
        'resources: [w.yaml]',
        'patches:',
        '- target: {kind: Widget}',
        `  patch: '[{"op": "replace", "path": "/spec/size", "value": ""}, {"op": "replace", "path": "/spec/other", "value": "x"}]'`,
        '- patch: |',
        '    apiVersion: example.com/v1',
        '    kind: Widget',
        '    metadata: {name: w}',
        '    spec: {size: 0, other: 5}',
        '',
      ].join('\n'),
    });
    expect(out[0].spec).toEqual({ size: '0', other: 5 });
  });

  it('compares a JSON patch `test` written as JSON by its bytes: "a&b" fails against the document\'s Go-escaped "a\\u0026b"', () => {
    const files = (patch: string) => ({
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: "a&b"}\n',
      'kustomization.yaml': `resources: [cm.yaml]\npatches:\n- target: {kind: ConfigMap}\n  patch: |\n    ${patch}\n`,
    });
    expect(() => build(files('[{"op": "test", "path": "/data/k", "value": "a&b"}]'))).toThrow('testing value /data/k failed');
    expect(build(files('[{"op": "test", "path": "/data/k", "value": "a\\u0026b"}]'))[0].data).toEqual({ k: 'a&b' });
    // Written as YAML, the patch is converted to JSON by Go first, so its "&" is escaped alike and the test passes.
    expect(build(files('- {op: test, path: /data/k, value: "a&b"}'))[0].data).toEqual({ k: 'a&b' });
  });

  it('merges generated data as string maps: a null value left by a JSON patch copy reads ""', () => {
    const out = build({
      'base/cm.yaml': cm,
      'base/kustomization.yaml':
        'resources: [cm.yaml]\nconfigMapGenerator:\n- name: g\n  literals: [x=1]\npatches:\n- target: {kind: ConfigMap}\n  patch: \'[{"op": "copy", "from": "/data/missing", "path": "/data/copied"}]\'\n',
      'kustomization.yaml': 'resources: [base]\nconfigMapGenerator:\n- name: g\n  behavior: merge\n  literals: [y=2]\n',
    });
    expect(out[0].data).toEqual({ k: 'v', copied: null });
    expect(out[1].data).toEqual({ copied: '', x: '1', y: '2' });
    expect(out[1].metadata.name).toBe('g-g2dfkg4cc5');
  });

  it('writes "" (not null) into an annotation a replacement with a delimiter creates from an empty source', () => {
    const out = build({
      'cm.yaml': 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\ndata: {k: ""}\n',
      'kustomization.yaml': withReplacements(
        '- source: {kind: ConfigMap, name: a, fieldPath: data.k}',
        '  targets:',
        '  - select: {kind: ConfigMap}',
        '    fieldPaths: [metadata.annotations.copied]',
        '    options: {create: true, delimiter: "-", index: 0}',
      ),
    });
    expect(out[0].metadata.annotations).toEqual({ copied: '' });
  });

  it('folds U+0085 (NEL) in output strings as kustomize prints them: one is a space, n in a row n-1 newlines', () => {
    const out = build({
      'kustomization.yaml': 'configMapGenerator:\n- name: c\n  files: [k=f]\n  options: {disableNameSuffixHash: true}\n',
      f: 'a\u0085\u0085 b  \u0085  c\u0085',
    });
    expect(out[0].data).toEqual({ k: 'a\nb c ' });
  });
});
