import type { KubeObject } from '@fjord/k8s-yaml';
import { health, HealthStatusCode as H, type HealthStatus } from './health-status';
import { field, num, optNum, str } from './object';

/** Health of an apps/v1 StatefulSet: observed generation, ready pods, then partition / OnDelete / revisions. */
export function statefulSetHealth(obj: KubeObject): HealthStatus {
  const observed = num(obj, ['status', 'observedGeneration']);
  if (observed === 0 || num(obj, ['metadata', 'generation']) > observed) {
    return health(H.Progressing, 'Waiting for statefulset spec update to be observed...');
  }
  const wanted = optNum(obj, 'spec', 'replicas');
  const ready = num(obj, ['status', 'readyReplicas']);
  if (wanted !== undefined && ready < wanted) {
    return health(H.Progressing, `Waiting for ${wanted - ready} pods to be ready...`);
  }
  const strategy = str(obj, 'spec', 'updateStrategy', 'type');
  const updated = num(obj, ['status', 'updatedReplicas']);
  const rolling = field(obj, 'spec', 'updateStrategy', 'rollingUpdate');
  if (strategy === 'RollingUpdate' && rolling && typeof rolling === 'object') {
    const partition = optNum(rolling, 'partition');
    if (wanted !== undefined && partition !== undefined && updated < wanted - partition) {
      return health(H.Progressing, `Waiting for partitioned roll out to finish: ${updated} out of ${wanted - partition} new pods have been updated...`);
    }
    return health(H.Healthy, `partitioned roll out complete: ${updated} new pods have been updated...`);
  }
  if (strategy === 'OnDelete') return health(H.Healthy, `statefulset has ${ready} ready pods`);
  const updateRevision = str(obj, 'status', 'updateRevision');
  const currentRevision = str(obj, 'status', 'currentRevision');
  if (updateRevision !== currentRevision) {
    return health(H.Progressing, `waiting for statefulset rolling update to complete ${updated} pods at revision ${updateRevision}...`);
  }
  const current = num(obj, ['status', 'currentReplicas']);
  return health(H.Healthy, `statefulset rolling update complete ${current} pods at revision ${currentRevision}...`);
}
