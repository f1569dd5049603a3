/** How a list merges under a strategic merge patch: by key fields, as a set of scalars, or replaced whole. */
export type ListStrategy = { type: 'keyed'; keys: string[] } | { type: 'primitive' } | { type: 'replace' };

/**
 * apiVersions whose kinds kustomize's embedded Kubernetes schema (v1.21) knows; lists of other kinds (custom
 * resources) are replaced by a patch, as kustomize does without an `openapi` schema.
 */
const KNOWN_API_VERSIONS = new Set([
  'v1',
  'apps/v1',
  'batch/v1',
  'batch/v1beta1',
  'extensions/v1beta1',
  'policy/v1',
  'policy/v1beta1',
  'networking.k8s.io/v1',
  'networking.k8s.io/v1beta1',
  'autoscaling/v1',
  'autoscaling/v2beta1',
  'autoscaling/v2beta2',
  'rbac.authorization.k8s.io/v1',
  'rbac.authorization.k8s.io/v1beta1',
  'storage.k8s.io/v1',
  'storage.k8s.io/v1beta1',
  'scheduling.k8s.io/v1',
  'admissionregistration.k8s.io/v1',
  'admissionregistration.k8s.io/v1beta1',
  'apiextensions.k8s.io/v1',
  'apiextensions.k8s.io/v1beta1',
  'apiregistration.k8s.io/v1',
  'coordination.k8s.io/v1',
  'discovery.k8s.io/v1',
  'discovery.k8s.io/v1beta1',
  'node.k8s.io/v1',
]);

const POD_SPEC_AT: Record<string, string[]> = {
  Pod: ['spec'],
  PodTemplate: ['template', 'spec'],
  Deployment: ['spec', 'template', 'spec'],
  ReplicaSet: ['spec', 'template', 'spec'],
  DaemonSet: ['spec', 'template', 'spec'],
  StatefulSet: ['spec', 'template', 'spec'],
  Job: ['spec', 'template', 'spec'],
  ReplicationController: ['spec', 'template', 'spec'],
  CronJob: ['spec', 'jobTemplate', 'spec', 'template', 'spec'],
};

const POD_SPEC_LISTS: Record<string, string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  ephemeralContainers: ['name'],
  volumes: ['name'],
  imagePullSecrets: ['name'],
  hostAliases: ['ip'],
  topologySpreadConstraints: ['topologyKey', 'whenUnsatisfiable'],
};

const CONTAINER_LISTS: Record<string, string[]> = {
  ports: ['containerPort', 'protocol'],
  env: ['name'],
  volumeMounts: ['mountPath'],
  volumeDevices: ['devicePath'],
};

const CONTAINER_FIELDS = new Set(['containers', 'initContainers', 'ephemeralContainers']);

/** Whether the built-in schema covers this apiVersion/kind (so merge keys apply). */
export function isKnownType(apiVersion: unknown, kind: unknown): boolean {
  return typeof apiVersion === 'string' && typeof kind === 'string' && KNOWN_API_VERSIONS.has(apiVersion);
}

/** The merge strategy of the list at `path` (field names from the object root) in an object of `kind`. */
export function listStrategy(kind: string, path: readonly string[]): ListStrategy {
  const last = path[path.length - 1];
  const parent = path.slice(0, -1);
  if (eq(parent, ['metadata']) || (parent.length >= 2 && parent[parent.length - 1] === 'metadata')) {
    if (last === 'finalizers') return { type: 'primitive' };
    if (last === 'ownerReferences') return { type: 'keyed', keys: ['uid'] };
  }
  if (last === 'conditions' && parent[parent.length - 1] === 'status') return { type: 'keyed', keys: ['type'] };
  if (kind === 'Service' && eq(path, ['spec', 'ports'])) return { type: 'keyed', keys: ['port', 'protocol'] };
  if (kind === 'ServiceAccount' && eq(path, ['secrets'])) return { type: 'keyed', keys: ['name'] };
  const pod = POD_SPEC_AT[kind];
  if (pod && startsWith(path, pod)) {
    const rest = path.slice(pod.length);
    if (rest.length === 1 && POD_SPEC_LISTS[rest[0]]) return { type: 'keyed', keys: POD_SPEC_LISTS[rest[0]] };
    if (rest.length === 2 && CONTAINER_FIELDS.has(rest[0]) && CONTAINER_LISTS[rest[1]]) return { type: 'keyed', keys: CONTAINER_LISTS[rest[1]] };
  }
  return { type: 'replace' };
}

function eq(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

function startsWith(a: readonly string[], prefix: readonly string[]): boolean {
  return a.length >= prefix.length && prefix.every((x, i) => x === a[i]);
}
