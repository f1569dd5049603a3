import { REPLICA_SPECS } from './builtin-field-specs';
import { applyFieldSpec, specSelects } from './field-spec';
import type { ResMap } from './res-map';
import { scalarOverStyle } from './yaml-scalar';

/** The `replicas` transformer: sets spec.replicas on workloads that have (or had) the given name. */
export function applyReplicas(m: ResMap, replicas: readonly { name: string; count: number }[]): void {
  for (const rep of replicas) {
    let found = false;
    for (const spec of REPLICA_SPECS) {
      const matches = m.list.filter((r) => r.allIds().some((id) => id.name === rep.name && specSelects(spec, id)));
      for (const r of matches) {
        found = true;
        applyFieldSpec(r.obj, r.curId(), spec, (parent, key) => {
          parent[key] = scalarOverStyle(parent[key], rep.count);
        });
      }
    }
    if (!found)
      throw new Error(
        `resource with name ${rep.name} does not match a config with the following GVK [Deployment ReplicationController ReplicaSet StatefulSet]`,
      );
  }
}
