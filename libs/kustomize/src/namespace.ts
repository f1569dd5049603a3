import { NAMESPACE_SPECS } from './builtin-field-specs';
import { applyFieldSpec, isMap } from './field-spec';
import { idEquals, idString, isClusterScoped, type Resource } from './resource';
import type { ResMap } from './res-map';

const HELM_GENERATED = 'kustomize.config.k8s.io/helm-generated';

/** The `namespace` transformer: sets metadata.namespace on namespaced objects and the related fields. */
export function applyNamespace(m: ResMap, namespace: string): void {
  for (const r of m.list) {
    if (Object.keys(r.obj).length === 0) continue;
    if (r.stringMap('annotations')[HELM_GENERATED] === 'true') continue;
    r.storePreviousId();
    setNamespaceFields(r, namespace);
    const id = r.curId();
    if (m.list.filter((x) => idEquals(x.curId(), id)).length !== 1) {
      throw new Error(`namespace transformation produces ID conflict: ${idString(id)}`);
    }
  }
}

function setNamespaceFields(r: Resource, namespace: string): void {
  const gvk = r.curId();
  if (!isClusterScoped(gvk)) r.meta().namespace = namespace;
  if (gvk.kind === 'RoleBinding' || gvk.kind === 'ClusterRoleBinding') {
    const subjects = r.obj.subjects;
    if (Array.isArray(subjects)) {
      for (const s of subjects) if (isMap(s) && s.name === 'default') s.namespace = namespace;
    }
  }
  const apiVersion = typeof r.obj.apiVersion === 'string' ? r.obj.apiVersion : '';
  for (const spec of NAMESPACE_SPECS) {
    if (spec.path === 'metadata/name' && apiVersion !== 'v1') continue;
    applyFieldSpec(r.obj, gvk, spec, (parent, key) => {
      parent[key] = namespace;
    });
  }
}
