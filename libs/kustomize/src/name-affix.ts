import { gvkSelected, idString, type Gvk } from './resource';
import type { ResMap } from './res-map';

/** Kinds whose names kustomize never prefixes or suffixes. */
const SKIP: Partial<Gvk>[] = [{ kind: 'CustomResourceDefinition' }, { group: 'apiregistration.k8s.io', kind: 'APIService' }, { kind: 'Namespace' }];

/** The `namePrefix`/`nameSuffix` transformers: rename objects, remembering the previous name. */
export function applyNameAffix(m: ResMap, affix: string, where: 'prefix' | 'suffix'): void {
  for (const r of m.list) {
    const org = r.orgId();
    if (SKIP.some((s) => gvkSelected(org, s))) continue;
    if (where === 'prefix') r.prefixes.push(affix);
    else r.suffixes.push(affix);
    r.storePreviousId();
    if (r.obj.metadata === undefined && !r.name()) throw new Error(`cannot set name of ${idString(r.curId())}`);
    r.setName(where === 'prefix' ? affix + r.name() : r.name() + affix);
  }
}
