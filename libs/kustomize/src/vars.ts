import { isMap, splitPath, specSelects, type FieldSpec } from './field-spec';
import { getField } from './field-path';
import { parseApiVersion } from './resource';
import type { ResMap } from './res-map';

/** A legacy `vars` entry. */
export interface VarSpec {
  name: string;
  objref: { kind?: string; name?: string; apiVersion?: string; namespace?: string };
  fieldref?: { fieldPath?: string };
}

const POD_SPEC_ROOTS = ['spec', 'spec/template/spec', 'spec/jobTemplate/spec/template/spec'];
const CONTAINER_FIELDS = ['command', 'args', 'env/value', 'volumeMounts/mountPath'];

/** Where `$(VAR)` is expanded by default (a close approximation of kustomize's varReference table). */
export const VAR_REFERENCE_SPECS: FieldSpec[] = [
  ...POD_SPEC_ROOTS.flatMap((root) => ['containers', 'initContainers'].flatMap((c) => CONTAINER_FIELDS.map((f) => ({ path: `${root}/${c}/${f}` })))),
  ...POD_SPEC_ROOTS.map((root) => ({ path: `${root}/volumes/nfs/server` })),
  { path: 'spec/rules/host', kind: 'Ingress' },
  { path: 'spec/tls/hosts', kind: 'Ingress' },
  { path: 'spec/tls/secretName', kind: 'Ingress' },
  { path: 'metadata/annotations' },
  { path: 'metadata/labels', kind: 'Service' },
  { path: 'spec/template/metadata/annotations' },
  { path: 'spec/ports/port', kind: 'Service' },
  { path: 'spec/ports/targetPort', kind: 'Service' },
];

/** Resolves `vars` at the end of a build: finds each var's value and expands `$(NAME)` in the reference fields. */
export function resolveVars(m: ResMap, vars: readonly VarSpec[], extra: readonly FieldSpec[]): void {
  if (vars.length === 0) return;
  const values = new Map<string, unknown>();
  for (const v of vars) {
    if (values.has(v.name)) throw new Error(`var '${v.name}' already encountered`);
    values.set(v.name, varValue(m, v));
  }
  const specs = [...VAR_REFERENCE_SPECS, ...extra];
  for (const r of m.list) {
    const gvk = r.curId();
    for (const spec of specs) {
      if (!specSelects(spec, gvk)) continue;
      expandAt(r.obj, splitPath(spec.path), values);
    }
  }
}

function varValue(m: ResMap, v: VarSpec): unknown {
  const { group, version } = parseApiVersion(v.objref.apiVersion ?? '');
  const matches = m.matchAnyId(
    (id) =>
      id.name === v.objref.name && (!v.objref.kind || id.kind === v.objref.kind) && (!group || id.group === group) && (!version || id.version === version),
  );
  if (matches.length !== 1)
    throw new Error(`var '${v.name}' cannot be mapped to a field in the set of known resources (${matches.length} matches for its objref)`);
  const value = getField(matches[0].obj, v.fieldref?.fieldPath || 'metadata.name');
  if (value === undefined) throw new Error(`field specified in var '${v.name}' not found in corresponding resource`);
  return value;
}

function expandAt(node: unknown, segs: string[], values: Map<string, unknown>): void {
  if (Array.isArray(node)) {
    node.forEach((item, i) => {
      if (segs.length === 0) node[i] = expand(item, values);
      else expandAt(item, segs, values);
    });
    return;
  }
  if (!isMap(node) || segs.length === 0) return;
  const [seg, ...rest] = segs;
  if (!(seg in node)) return;
  if (rest.length > 0) return expandAt(node[seg], rest, values);
  const v = node[seg];
  if (Array.isArray(v)) v.forEach((item, i) => (v[i] = expand(item, values)));
  else if (isMap(v)) for (const k of Object.keys(v)) v[k] = expand(v[k], values);
  else node[seg] = expand(v, values);
}

function expand(v: unknown, values: Map<string, unknown>): unknown {
  if (typeof v !== 'string') return v;
  const whole = /^\$\(([^)]+)\)$/.exec(v);
  if (whole && values.has(whole[1])) return values.get(whole[1]);
  return v.replace(/\$\$|\$\(([^)]+)\)/g, (match, name: string | undefined) => {
    if (match === '$$') return '$$';
    return name !== undefined && values.has(name) ? String(values.get(name)) : match;
  });
}
