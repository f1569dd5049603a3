import { NAME_REFERENCES, type NameReference } from './builtin-field-specs';
import { isMap, specSelects, splitPath, type FieldSpec } from './field-spec';
import { effectiveNamespace, gvkSelected, idString, isClusterScoped, type Gvk, type Resource } from './resource';
import type { ResMap } from './res-map';

interface RefContext {
  referrer: Resource;
  spec: FieldSpec;
  target: Partial<Gvk>;
  candidates: Resource[];
}

/** Rewrites every field that refers to a renamed object (prefix, suffix, namespace, hash) to its final name. */
export function fixNameReferences(m: ResMap, extra: readonly NameReference[] = []): void {
  const refs = [...NAME_REFERENCES, ...extra];
  for (const referrer of [...m.list]) {
    const org = referrer.orgId();
    let candidates: Resource[] | undefined;
    for (const ref of refs) {
      for (const spec of ref.fieldSpecs) {
        if (!specSelects(spec, org)) continue;
        candidates ??= couldBeReferenced(m, referrer);
        const ctx: RefContext = { referrer, spec, target: { group: ref.group, version: ref.version, kind: ref.kind }, candidates };
        visitField(referrer.obj, splitPath(spec.path), (parent, key) => setField(ctx, parent, key));
      }
    }
  }
}

function visitField(node: unknown, segs: string[], visit: (parent: Record<string, unknown>, key: string) => void): void {
  if (Array.isArray(node)) {
    for (const item of node) visitField(item, segs, visit);
    return;
  }
  if (!isMap(node) || segs.length === 0) return;
  const [seg, ...rest] = segs;
  if (!(seg in node)) return;
  if (rest.length === 0) visit(node, seg);
  else visitField(node[seg], rest, visit);
}

function setField(ctx: RefContext, parent: Record<string, unknown>, key: string): void {
  const value = parent[key];
  if (value === null || value === undefined) return;
  if (typeof value === 'string') {
    const referral = selectReferral(ctx, value, ctx.candidates, false);
    if (referral && referral.name() !== value) parent[key] = referral.name();
  } else if (isMap(value)) {
    setMapping(ctx, value);
  } else if (Array.isArray(value)) {
    value.forEach((item, i) => {
      if (typeof item === 'string') {
        const referral = selectReferral(ctx, item, ctx.candidates, false);
        if (referral) value[i] = referral.name();
      } else if (isMap(item)) setMapping(ctx, item);
    });
  }
}

function setMapping(ctx: RefContext, node: Record<string, unknown>): void {
  if (typeof node.name !== 'string') return;
  let candidates = ctx.candidates;
  if (typeof node.namespace === 'string') {
    const ns = node.namespace;
    const byOrg = candidates.filter((c) => !isClusterScoped(c.curId()) && effectiveNamespace(c.orgId()) === ns);
    candidates = byOrg.length > 0 ? byOrg : candidates.filter((c) => !isClusterScoped(c.curId()) && effectiveNamespace(c.curId()) === ns);
  }
  const referral = selectReferral(ctx, node.name, candidates, true);
  if (!referral) return;
  if (referral.name() === node.name && referral.namespace() === '') return;
  node.name = referral.name();
  if (referral.namespace() !== '') node.namespace = referral.namespace();
}

/** The objects a referrer may point at: cluster-scoped ones, same namespace, and RoleBinding subject namespaces. */
function couldBeReferenced(m: ResMap, referrer: Resource): Resource[] {
  const id = referrer.curId();
  if (isClusterScoped(id)) return m.list;
  const subjectNamespaces = new Set<string>();
  if (referrer.kind() === 'RoleBinding' && Array.isArray(referrer.obj.subjects)) {
    for (const s of referrer.obj.subjects) {
      if (isMap(s) && s.kind === 'ServiceAccount' && typeof s.namespace === 'string') subjectNamespaces.add(s.namespace);
    }
  }
  return m.list.filter((c) => {
    const cid = c.curId();
    return isClusterScoped(cid) || effectiveNamespace(cid) === effectiveNamespace(id) || subjectNamespaces.has(c.namespace());
  });
}

function roleRefGvk(referrer: Resource): Partial<Gvk> | undefined {
  const roleRef = referrer.obj.roleRef;
  if (!isMap(roleRef) || typeof roleRef.apiGroup !== 'string' || typeof roleRef.kind !== 'string') return undefined;
  return { group: roleRef.apiGroup, kind: roleRef.kind };
}

function sameEnding(a: string[], b: string[]): boolean {
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  const diff = long.length - short.length;
  if (short.length === 0) return diff === 0;
  return short.every((x, i) => long[i + diff] === x);
}

function affixesEqual(r: Resource, o: Resource, allowEmpty: boolean): boolean {
  if (!allowEmpty) return sameEnding(r.prefixes, o.prefixes) && sameEnding(r.suffixes, o.suffixes);
  const p = r.prefixes.length === 0 || o.prefixes.length === 0 || sameEnding(r.prefixes, o.prefixes);
  const s = r.suffixes.length === 0 || o.suffixes.length === 0 || sameEnding(r.suffixes, o.suffixes);
  return p && s;
}

function selectReferral(ctx: RefContext, oldName: string, all: Resource[], withNamespace: boolean): Resource | undefined {
  const refId = ctx.referrer.curId();
  const roleRef = ctx.spec.path.endsWith('roleRef/name') ? roleRefGvk(ctx.referrer) : undefined;
  let c = all.filter((r) => r.prevIds().some((id) => id.name === oldName));
  c = c.filter((r) => r.prevIds().some((id) => gvkSelected(id, ctx.target)));
  if (roleRef) c = c.filter((r) => r.prevIds().some((id) => gvkSelected(id, roleRef)));
  if (!isClusterScoped(refId)) {
    c = c.filter((r) => isClusterScoped(r.curId()) || r.kind() === 'ServiceAccount' || effectiveNamespace(refId) === effectiveNamespace(r.curId()));
  }
  if (c.length === 1) return c[0];
  c = c.filter((r) => affixesEqual(r, ctx.referrer, true));
  if (c.length > 1) c = c.filter((r) => affixesEqual(r, ctx.referrer, false));
  if (c.length === 1) return c[0];
  if (c.length === 0) return undefined;
  const first = c[0];
  if (c.every((r) => r.name() === first.name() && (!withNamespace || r.namespace() === first.namespace()))) return first;
  throw new Error(`found multiple possible referrals: ${c.map((r) => idString(r.curId())).join(', ')}`);
}
