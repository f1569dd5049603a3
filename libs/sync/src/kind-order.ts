/**
 * Kinds in the order Argo CD applies them within a wave (Helm's install order); kinds not listed come after all of
 * them. The `…List` kinds are listed because Argo CD lists them.
 */
export const KIND_ORDER: readonly string[] = [
  'Namespace',
  'NetworkPolicy',
  'ResourceQuota',
  'LimitRange',
  'PodSecurityPolicy',
  'PodDisruptionBudget',
  'ServiceAccount',
  'Secret',
  'SecretList',
  'ConfigMap',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'CustomResourceDefinition',
  'ClusterRole',
  'ClusterRoleList',
  'ClusterRoleBinding',
  'ClusterRoleBindingList',
  'Role',
  'RoleList',
  'RoleBinding',
  'RoleBindingList',
  'Service',
  'DaemonSet',
  'Pod',
  'ReplicationController',
  'ReplicaSet',
  'Deployment',
  'HorizontalPodAutoscaler',
  'StatefulSet',
  'Job',
  'CronJob',
  'IngressClass',
  'Ingress',
  'APIService',
];

const rank = new Map(KIND_ORDER.map((kind, i) => [kind, i - KIND_ORDER.length]));

/** The rank of a kind in KIND_ORDER: negative for listed kinds, 0 for every other kind (so they sort last). */
export function kindRank(kind: string): number {
  return rank.get(kind) ?? 0;
}
