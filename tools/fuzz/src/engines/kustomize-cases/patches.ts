import type { Draw } from './draw';
import { IMAGES, type CaseResource } from './resources';
import { textValue, word, words } from './values';

/** A strategic merge patch aimed at `r` (by its apiVersion, kind and name), with a random change of its kind's shape. */
export function strategicPatch(d: Draw, r: CaseResource): Record<string, unknown> {
  const patch: Record<string, unknown> = { apiVersion: r.apiVersion, kind: r.kind, metadata: { name: r.name } };
  const meta = patch.metadata as Record<string, unknown>;
  const ns = (r.object.metadata as Record<string, unknown>).namespace;
  if (ns) meta.namespace = ns;
  if (d.chance(0.3)) meta.labels = { patched: d.from(word) };
  if (d.chance(0.1)) meta.annotations = null;
  if (d.chance(0.01)) patch.$patch = 'delete';
  switch (r.kind) {
    case 'Deployment':
    case 'StatefulSet': {
      const spec: Record<string, unknown> = {};
      if (d.chance(0.5)) spec.replicas = d.int(0, 9);
      if (d.chance(0.6)) {
        const c: Record<string, unknown> = { name: d.pick(['c0', 'c1', 'sidecar']) };
        if (d.chance(0.5)) c.image = d.pick(IMAGES);
        if (d.chance(0.4)) c.env = [{ name: d.pick(['E0', 'E1', 'NEW']), value: textValue(d).value }];
        if (d.chance(0.1)) {
          // As people write it: the merge key and the directive only.
          for (const k of Object.keys(c)) if (k !== 'name') delete c[k];
          c.$patch = 'delete';
        }
        const template: Record<string, unknown> = { spec: { containers: [c] } };
        if (d.chance(0.3)) template.metadata = { labels: { patched: 'yes' } };
        if (d.chance(0.2)) (template.spec as Record<string, unknown>).volumes = [{ name: 'config', configMap: { name: 'other' } }];
        spec.template = template;
      }
      patch.spec = spec;
      break;
    }
    case 'Service':
      patch.spec = d.chance(0.5)
        ? { ports: [{ port: d.pick([80, 81, 90]), targetPort: d.int(1, 9999), name: d.pick(['p0', 'p1', 'px']) }] }
        : { selector: { app: d.from(word) } };
      break;
    case 'ConfigMap':
      patch.data = Object.fromEntries(d.some(['k0', 'k1', 'k9']).map((k) => [k, d.chance(0.3) ? null : textValue(d).value]));
      break;
    case 'Widget':
      patch.spec = d.chance(0.5) ? { items: d.from(words) } : { size: d.int(0, 9), ref: d.chance(0.5) ? null : { configMap: 'cfg' } };
      break;
  }
  return patch;
}

/** Paths into `value` as JSON pointers, with the value found there. */
function pointers(value: unknown, at = ''): Array<{ path: string; value: unknown }> {
  const out: Array<{ path: string; value: unknown }> = [];
  if (Array.isArray(value)) value.forEach((v, i) => out.push({ path: `${at}/${i}`, value: v }, ...pointers(v, `${at}/${i}`)));
  else if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) {
      const p = `${at}/${k.replace(/~/g, '~0').replace(/\//g, '~1')}`;
      out.push({ path: p, value: v }, ...pointers(v, p));
    }
  return out;
}

/** Paths a random operation leaves alone: identity, and whole annotation maps (kustomize keeps its own there). */
const FIXED = new Set(['/apiVersion', '/kind', '/metadata', '/metadata/name', '/metadata/namespace', '/metadata/annotations']);

/** A JSON 6902 patch of one or two operations on paths that exist in `r` as written (so most apply). */
export function jsonPatch(d: Draw, r: CaseResource): Record<string, unknown>[] {
  const all = pointers(r.object);
  const paths = all.filter((p) => !FIXED.has(p.path));
  if (!paths.length) return [{ op: 'add', path: '/metadata/labels', value: { added: 'yes' } }];
  const parentOf = (path: string) => path.replace(/\/[^/]*$/, '');
  const valueAt = (path: string) => (path === '' ? r.object : all.find((p) => p.path === path)?.value);
  const scalars = (v: unknown) => Array.isArray(v) && v.every((e) => e === null || typeof e !== 'object');
  /**
   * Where a new value may go next to `path`: a new key of its mapping, or the end of a list of scalars. (Appending
   * to a list of objects would repeat a merge key, which kustomize's merge collapses: a known difference.)
   */
  const beside = (path: string, key: string) => {
    let parent = parentOf(path);
    while (Array.isArray(valueAt(parent)) && !scalars(valueAt(parent))) parent = parentOf(parent);
    return Array.isArray(valueAt(parent)) ? `${parent}/-` : `${parent}/${key}`;
  };
  return Array.from({ length: d.chance(0.2) ? 2 : 1 }, () => {
    const target = d.pick(paths);
    // Removing a list element's merge key (`/containers/1/env/0/name`) leaves a keyless element, which kustomize's
    // merge drops together with its neighbours later: a known difference, so it is not drawn.
    const mergeKey = /\/\d+\/((metadata\/)?name|port|containerPort)$/.test(target.path);
    // `test` only of scalars: maps and lists are what the other transformers change on the way.
    const scalar = target.value === null || typeof target.value !== 'object';
    const ops = ['add', 'replace', 'copy', ...(scalar ? ['test'] : []), ...(mergeKey ? [] : ['remove', 'move'])];
    const op = d.pick(ops);
    switch (op) {
      case 'add':
        return { op, path: scalars(target.value) && d.chance(0.5) ? `${target.path}/-` : beside(target.path, 'added'), value: textValue(d).value };
      case 'replace':
        // A map or list is replaced by one of the same shape: `spec: 0` is junk both sides reject differently.
        if (target.value !== null && typeof target.value === 'object')
          // (Keeping the old fields keeps a list element's merge key: kustomize drops keyless elements, a known difference.)
          return { op, path: target.path, value: Array.isArray(target.value) ? [] : { ...(target.value as object), replaced: d.from(word) } };
        return { op, path: target.path, value: d.chance(0.7) ? textValue(d).value : d.int(0, 99) };
      case 'remove':
        return { op, path: target.path };
      case 'test':
        return { op, path: target.path, value: target.value };
      default:
        return { op, from: target.path, path: beside(target.path, `${op}-of`) };
    }
  });
}

/** A `target` selector that picks `r` (or, now and then, several or none) by kind, name regexp, group/version or labels. */
export function selectorFor(d: Draw, r: CaseResource): Record<string, string> {
  const [group, version] = r.apiVersion.includes('/') ? r.apiVersion.split('/') : ['', r.apiVersion];
  switch (d.pick(['kind+name', 'kind', 'name regexp', 'gvk', 'labels', 'annotation'])) {
    case 'kind+name':
      return { kind: r.kind, name: r.name };
    case 'kind':
      return { kind: r.kind };
    case 'name regexp':
      return { name: `${r.name.slice(0, 1)}.*` };
    case 'gvk':
      return { ...(group ? { group } : {}), version, kind: r.kind };
    case 'labels':
      return { labelSelector: d.pick([`app=${r.name}`, 'app in (web,api)', '!tier', 'tier']) };
    default:
      return { annotationSelector: 'note', kind: r.kind };
  }
}
