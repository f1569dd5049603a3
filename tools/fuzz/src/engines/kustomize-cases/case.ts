import fc from 'fast-check';
import { stringify } from 'yaml';
import { Draw } from './draw';
import { jsonPatch, selectorFor, strategicPatch } from './patches';
import { GENERATED_NAMES, IMAGES, makeResource, RESOURCE_KINDS, RESOURCE_NAMES, type CaseResource } from './resources';
import { dataKeys, fileContent, textValue, word } from './values';

/** One random kustomization tree: its files (path → text or bytes), the directory to build, and what it exercises. */
export interface KustomizeCase {
  files: Record<string, string | Uint8Array>;
  dir: string;
  classes: string[];
}

type Layout = 'single' | 'overlay' | 'overlay+component';
type GeneratorKind = 'configMapGenerator' | 'secretGenerator';
/** Generated names so far (`configMapGenerator/cfg`) → the directory that generated them. */
type Generated = Map<string, string>;

/** The fast-check arbitrary of whole cases; every choice shrinks towards a plainer kustomization. */
export const kustomizeCase: fc.Arbitrary<KustomizeCase> = fc.gen().map((g) => new CaseBuilder(new Draw(g)).build());

/**
 * Writes YAML every reader takes the same way: strings double-quoted (or literal blocks), so `yes`, `0o17` or `y`
 * mean one thing to yaml.v2, yaml.v3 and Fjord. This fuzzer is after kustomize's semantics; the YAML layer has its own.
 */
const toYaml = (v: unknown) => stringify(v, { defaultStringType: 'QUOTE_DOUBLE', defaultKeyType: 'PLAIN', lineWidth: 0 });

class CaseBuilder {
  private readonly files: Record<string, string | Uint8Array> = {};
  private readonly classes = new Set<string>();
  /** Kind/name pairs taken, so no two resources collide (a collision is an error on both sides, not a finding). */
  private readonly taken = new Set<string>();
  /** The namespace the base puts everything in, which the overlay's patches and generator merges must name. */
  private namespace?: string;

  constructor(private readonly d: Draw) {}

  build(): KustomizeCase {
    const layout = this.d.pick<Layout>(['single', 'overlay', 'overlay+component']);
    this.classes.add(`layout ${layout}`);
    if (layout === 'single') {
      this.level('', [], new Map());
      return this.result('');
    }
    const baseGenerators = new Map<string, string>();
    const base = this.level('base', [], baseGenerators);
    // Base files are written; from here on patches see base resources in the namespace the base gave them.
    if (this.namespace) for (const r of base) (r.object.metadata as Record<string, unknown>).namespace = this.namespace;
    const components = layout === 'overlay+component' ? ['../comp'] : [];
    // kustomize runs an overlay's generators before its components, so the component sees the overlay's names too.
    this.level('overlay', base, baseGenerators, ['../base'], components);
    if (components.length) this.component('comp', base, baseGenerators);
    return this.result('overlay');
  }

  private result(dir: string): KustomizeCase {
    return { files: this.files, dir, classes: [...this.classes] };
  }

  /** One kustomization in `dir`: its own resources, generators, patches and transformers. Returns the resources it adds. */
  private level(dir: string, inherited: CaseResource[], baseGenerators: Generated, resources: string[] = [], components: string[] = []): CaseResource[] {
    const d = this.d;
    const k: Record<string, unknown> = {};
    const own = this.resources(dir, d.int(dir === 'overlay' ? 0 : 1, 4));
    k.resources = [...resources, ...own.files];
    if (components.length) k.components = components;
    const all = [...inherited, ...own.resources];
    this.generators(dir, k, baseGenerators, true);
    this.patches(dir, k, all);
    this.transformers(dir, k, all, own.resources);
    if (dir === 'base' && typeof k.namespace === 'string') this.namespace = k.namespace;
    if (d.chance(0.1))
      k.sortOptions = d.chance(0.5)
        ? { order: 'fifo' }
        : { order: 'legacy', legacySortOptions: { orderFirst: ['Service', 'Widget'], orderLast: ['ConfigMap'] } };
    if (d.chance(0.5)) {
      k.apiVersion = 'kustomize.config.k8s.io/v1beta1';
      k.kind = 'Kustomization';
    }
    this.write(dir, 'kustomization.yaml', toYaml(k));
    return all;
  }

  private component(dir: string, inherited: CaseResource[], generated: Generated): void {
    this.classes.add('component');
    const k: Record<string, unknown> = { apiVersion: 'kustomize.config.k8s.io/v1alpha1', kind: 'Component' };
    const own = this.resources(dir, this.d.int(0, 2));
    if (own.files.length) k.resources = own.files;
    this.generators(dir, k, generated, true);
    this.patches(dir, k, [...inherited, ...own.resources]);
    if (this.d.chance(0.3)) k.commonLabels = { comp: this.d.from(word) };
    this.write(dir, 'kustomization.yaml', toYaml(k));
  }

  private resources(dir: string, n: number): { files: string[]; resources: CaseResource[] } {
    const resources: CaseResource[] = [];
    for (let i = 0; i < n; i++) {
      const kind = this.d.pick(RESOURCE_KINDS);
      const name = this.d.pick(RESOURCE_NAMES);
      if (this.taken.has(`${kind}/${name}`)) continue;
      this.taken.add(`${kind}/${name}`);
      resources.push(makeResource(this.d, kind, name));
      this.classes.add(`resource ${kind}`);
    }
    if (!resources.length) return { files: [], resources };
    if (this.d.chance(0.3)) {
      this.write(dir, 'all.yaml', resources.map((r) => toYaml(r.object)).join('---\n'));
      return { files: ['all.yaml'], resources };
    }
    const files = resources.map((r) => `${r.kind.toLowerCase()}-${r.name}.yaml`);
    resources.forEach((r, i) => this.write(dir, files[i], toYaml(r.object)));
    return { files, resources };
  }

  /**
   * Generators of this kustomization. A name generated below (a base, a component before the overlay) takes a
   * behavior merge or replace (kustomize refuses a second create); new names are recorded when `record` is set.
   */
  private generators(dir: string, k: Record<string, unknown>, generated: Generated, record: boolean): void {
    const d = this.d;
    for (const field of ['configMapGenerator', 'secretGenerator'] as const) {
      const names = d.some(GENERATED_NAMES, 2);
      if (!names.length) continue;
      k[field] = names.map((name) => {
        const exists = generated.has(`${field}/${name}`);
        const g: Record<string, unknown> = { name, ...this.generatorSources(dir, field, name) };
        if (exists) {
          g.behavior = d.pick(['merge', 'replace']);
          // Only the base's namespace transformer put its generated objects in a namespace.
          if (this.namespace && generated.get(`${field}/${name}`) === 'base') g.namespace = this.namespace;
          this.classes.add(`generator behavior ${g.behavior as string}`);
        } else {
          if (d.chance(0.1)) g.behavior = 'create';
          if (record) generated.set(`${field}/${name}`, dir);
        }
        if (field === 'secretGenerator' && d.chance(0.2)) g.type = d.pick(['Opaque', 'kubernetes.io/tls', 'example.com/custom']);
        if (d.chance(0.2)) g.options = this.generatorOptions();
        return g;
      });
    }
    if (d.chance(0.15)) k.generatorOptions = this.generatorOptions();
  }

  private generatorOptions(): Record<string, unknown> {
    const d = this.d;
    const o: Record<string, unknown> = {};
    if (d.chance(0.4)) o.labels = { gen: d.from(word) };
    if (d.chance(0.3)) o.annotations = { why: textValue(d).value };
    if (d.chance(0.3)) o.disableNameSuffixHash = true;
    if (d.chance(0.2)) o.immutable = true;
    this.classes.add('generator options');
    return o;
  }

  /** Literals, files and env files with keys that do not repeat (a repeat is an error on both sides). */
  private generatorSources(dir: string, field: GeneratorKind, name: string): Record<string, string[]> {
    const d = this.d;
    const keys = d.from(dataKeys);
    const out: Record<string, string[]> = {};
    const envKeys: string[] = [];
    for (const key of keys) {
      const source = d.pick(['literal', 'file', 'named file', 'env']);
      const kind = field === 'secretGenerator' ? 'secret' : 'configmap';
      if (source === 'literal') {
        const v = textValue(d);
        this.classes.add(`${kind} literal ${v.cls}`);
        (out.literals ??= []).push(`${key}=${v.value}`);
      } else if (source === 'env') {
        envKeys.push(key);
      } else {
        const v = fileContent(d);
        this.classes.add(`${kind} file ${v.cls}`);
        const path = source === 'file' ? `files/${key}` : `files/${name}-${key}`;
        this.write(dir, path, v.value);
        (out.files ??= []).push(source === 'file' ? path : `${key}=${path}`);
      }
    }
    if (envKeys.length) {
      this.classes.add(`${field === 'secretGenerator' ? 'secret' : 'configmap'} env file`);
      const path = `${name}-${field}.env`;
      this.write(dir, path, this.envFile(envKeys));
      out.envs = [path];
    }
    return out;
  }

  private envFile(keys: string[]): string {
    const d = this.d;
    const nl = d.chance(0.15) ? '\r\n' : '\n';
    const lines: string[] = [];
    for (const key of keys) {
      if (d.chance(0.2)) lines.push(d.pick(['# a comment', '', '   ', '  # indented comment']));
      const value = d.pick(['word', 'with =', 'empty', 'none', 'spaces', 'unicode']);
      if (value === 'none') lines.push(key);
      else if (value === 'spaces') lines.push(`  ${key}= a b `);
      else lines.push(`${key}=${value === 'word' ? d.from(word) : value === 'with =' ? 'a=b=c' : value === 'unicode' ? 'ünï ✓' : ''}`);
    }
    return (d.chance(0.1) ? '\uFEFF' : '') + lines.join(nl) + (d.chance(0.7) ? nl : '');
  }

  private patches(dir: string, k: Record<string, unknown>, targets: CaseResource[]): void {
    const d = this.d;
    if (!targets.length) return;
    const n = d.int(0, 3);
    for (let i = 0; i < n; i++) {
      const r = d.pick(targets);
      const form = d.pick(['patchesStrategicMerge', 'patches path', 'patches inline smp', 'patches json6902', 'patchesJson6902']);
      this.classes.add(`patch ${form}`);
      const file = `patch-${i}.yaml`;
      switch (form) {
        case 'patchesStrategicMerge':
          this.write(dir, file, toYaml(strategicPatch(d, r)));
          push(k, 'patchesStrategicMerge', file);
          break;
        case 'patches path':
          this.write(dir, file, toYaml(strategicPatch(d, r)));
          push(k, 'patches', { path: file, ...(d.chance(0.3) ? { target: selectorFor(d, r) } : {}) });
          break;
        case 'patches inline smp':
          push(k, 'patches', { patch: toYaml(strategicPatch(d, r)), ...(d.chance(0.6) ? { target: selectorFor(d, r) } : {}) });
          break;
        case 'patches json6902': {
          const ops = jsonPatch(d, r);
          push(k, 'patches', { patch: d.chance(0.5) ? JSON.stringify(ops) : toYaml(ops), target: selectorFor(d, r) });
          break;
        }
        case 'patchesJson6902': {
          this.write(dir, file, toYaml(jsonPatch(d, r)));
          const [group, version] = r.apiVersion.includes('/') ? r.apiVersion.split('/') : ['', r.apiVersion];
          push(k, 'patchesJson6902', { target: { ...(group ? { group } : {}), version, kind: r.kind, name: r.name }, path: file });
          break;
        }
      }
    }
  }

  private transformers(level: string, k: Record<string, unknown>, all: CaseResource[], own: CaseResource[]): void {
    const d = this.d;
    const on = (name: string, p: number) => {
      const yes = d.chance(p);
      if (yes) this.classes.add(name);
      return yes;
    };
    if (on('namePrefix', 0.3)) k.namePrefix = d.pick(['pre-', 'x-']);
    if (on('nameSuffix', 0.3)) k.nameSuffix = d.pick(['-suf', '-v2']);
    if (on('namespace', 0.25)) k.namespace = d.pick(['prod', 'team']);
    if (on('commonLabels', 0.25)) k.commonLabels = { env: d.from(word) };
    // A key of its own per level: a base's includeTemplates label shares its value node with the template's in
    // kustomize, so an overlay's plain label of the same key changes both (a known difference).
    if (on('labels', 0.25))
      k.labels = [
        {
          pairs: { [`team-${level || 'root'}`]: d.from(word) },
          ...(d.chance(0.5) ? { includeSelectors: d.chance(0.5) } : {}),
          ...(d.chance(0.5) ? { includeTemplates: true } : {}),
        },
      ];
    if (on('commonAnnotations', 0.25)) k.commonAnnotations = { owner: textValue(d).value };
    if (on('images', 0.3))
      k.images = d.some(IMAGES, 2).map((name) => {
        const img: Record<string, string> = { name };
        if (d.chance(0.5)) img.newName = d.pick(['registry.local/app', 'mirror/redis']);
        if (d.chance(0.6)) img.newTag = d.pick(['v9', '1.2.3', 'sha-abc']);
        else if (d.chance(0.4)) img.digest = `sha256:${'ab12'.repeat(16)}`;
        return img;
      });
    const workloads = all.filter((r) => r.kind === 'Deployment' || r.kind === 'StatefulSet');
    if (workloads.length && on('replicas', 0.3)) k.replicas = [{ name: d.pick(workloads).name, count: d.int(0, 7) }];
    // A source is picked by its current name, which a base's prefix has changed: sources come from this level when it has any.
    if (all.length && on('replacements', 0.25)) k.replacements = [this.replacement(own.length ? own : all, all)];
  }

  /** A replacement from a field that exists to a field of the target's kind (created when missing). */
  private replacement(sources: CaseResource[], all: CaseResource[]): Record<string, unknown> {
    const d = this.d;
    const src = d.pick(sources);
    // An empty source value is not drawn: into a field it creates, kustomize writes null or "" depending on how the
    // nodes were made (a known difference; Fjord writes null).
    const k0 = (src.object.data as Record<string, unknown> | undefined)?.k0;
    const hasData = src.kind === 'ConfigMap' && typeof k0 === 'string' && k0 !== '';
    const fieldPath = hasData && d.chance(0.5) ? 'data.k0' : d.pick(['metadata.name', 'apiVersion', 'kind']);
    const tgt = d.pick(all);
    const paths: Record<string, string[]> = {
      Deployment: ['spec.template.spec.containers.[name=c0].image', 'spec.template.metadata.annotations.copied', 'spec.serviceName'],
      StatefulSet: ['spec.serviceName', 'spec.template.spec.containers.[name=c0].image'],
      Service: ['spec.selector.app', 'metadata.annotations.copied'],
      ConfigMap: ['data.k1', 'data.copied'],
      Widget: ['spec.color', 'spec.ref.configMap', 'spec.extra'],
    };
    const target: Record<string, unknown> = {
      select: d.chance(0.5) ? { kind: tgt.kind } : { kind: tgt.kind, name: tgt.name },
      fieldPaths: [d.pick([...paths[tgt.kind], 'metadata.annotations.copied', 'metadata.labels.app'])],
      options: { create: true, ...(d.chance(0.3) ? { delimiter: '-', index: d.int(0, 1) } : {}) },
    };
    return { source: { kind: src.kind, name: src.name, fieldPath }, targets: [target] };
  }

  private write(dir: string, path: string, content: string | Uint8Array): void {
    this.files[dir ? `${dir}/${path}` : path] = content;
  }
}

function push(k: Record<string, unknown>, field: string, item: unknown): void {
  ((k[field] ??= []) as unknown[]).push(item);
}
