import type { FieldSpec } from './field-spec';

const fs = (kind: string, path: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ kind, path, ...extra });

/** Labels written on the object, pod templates, StatefulSet volume claim templates and CronJob job templates (upstream's templateLabels). */
export const TEMPLATE_LABEL_SPECS: FieldSpec[] = [
  { path: 'metadata/labels', create: true },
  fs('ReplicationController', 'spec/template/metadata/labels', { version: 'v1', create: true }),
  ...['Deployment', 'ReplicaSet', 'DaemonSet'].map((k) => fs(k, 'spec/template/metadata/labels', { create: true })),
  fs('StatefulSet', 'spec/template/metadata/labels', { group: 'apps', create: true }),
  fs('StatefulSet', 'spec/volumeClaimTemplates[]/metadata/labels', { group: 'apps', create: true }),
  fs('Job', 'spec/template/metadata/labels', { group: 'batch', create: true }),
  fs('CronJob', 'spec/jobTemplate/metadata/labels', { group: 'batch', create: true }),
  fs('CronJob', 'spec/jobTemplate/spec/template/metadata/labels', { group: 'batch', create: true }),
];

/** Labels on StatefulSet volume claim templates. */
export const VOLUME_CLAIM_LABEL_SPECS: FieldSpec[] = [fs('StatefulSet', 'spec/volumeClaimTemplates[]/metadata/labels', { group: 'apps', create: true })];

const affinityPaths = [
  'podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm',
  'podAffinity/requiredDuringSchedulingIgnoredDuringExecution',
  'podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm',
  'podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution',
].map((p) => `spec/template/spec/affinity/${p}/labelSelector/matchLabels`);

const podSelectorSpecs = (kind: string): FieldSpec[] =>
  [...affinityPaths, 'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels'].map((p) => fs(kind, p, { group: 'apps' }));

/** What `commonLabels` (and `labels` with includeSelectors) writes: metadata, templates and selectors. */
export const COMMON_LABEL_SPECS: FieldSpec[] = [
  fs('Service', 'spec/selector', { version: 'v1', create: true }),
  fs('ReplicationController', 'spec/selector', { version: 'v1', create: true }),
  fs('Deployment', 'spec/selector/matchLabels', { create: true }),
  ...podSelectorSpecs('Deployment'),
  fs('ReplicaSet', 'spec/selector/matchLabels', { create: true }),
  fs('DaemonSet', 'spec/selector/matchLabels', { create: true }),
  fs('StatefulSet', 'spec/selector/matchLabels', { group: 'apps', create: true }),
  ...podSelectorSpecs('StatefulSet'),
  fs('Job', 'spec/selector/matchLabels', { group: 'batch' }),
  fs('CronJob', 'spec/jobTemplate/spec/selector/matchLabels', { group: 'batch' }),
  fs('PodDisruptionBudget', 'spec/selector/matchLabels', { group: 'policy' }),
  fs('NetworkPolicy', 'spec/podSelector/matchLabels', { group: 'networking.k8s.io' }),
  fs('NetworkPolicy', 'spec/ingress/from/podSelector/matchLabels', { group: 'networking.k8s.io' }),
  fs('NetworkPolicy', 'spec/egress/to/podSelector/matchLabels', { group: 'networking.k8s.io' }),
  ...TEMPLATE_LABEL_SPECS,
  ...VOLUME_CLAIM_LABEL_SPECS,
];

/** What `commonAnnotations` writes: metadata and pod templates. */
export const COMMON_ANNOTATION_SPECS: FieldSpec[] = [
  { path: 'metadata/annotations', create: true },
  fs('ReplicationController', 'spec/template/metadata/annotations', { version: 'v1', create: true }),
  ...['Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet'].map((k) => fs(k, 'spec/template/metadata/annotations', { create: true })),
  fs('Job', 'spec/template/metadata/annotations', { group: 'batch', create: true }),
  fs('CronJob', 'spec/jobTemplate/metadata/annotations', { group: 'batch', create: true }),
  fs('CronJob', 'spec/jobTemplate/spec/template/metadata/annotations', { group: 'batch', create: true }),
];

/** Extra namespace fields beyond metadata.namespace. */
export const NAMESPACE_SPECS: FieldSpec[] = [
  fs('Namespace', 'metadata/name', { create: true }),
  fs('APIService', 'spec/service/namespace', { group: 'apiregistration.k8s.io', create: true }),
  fs('CustomResourceDefinition', 'spec/conversion/webhook/clientConfig/service/namespace', { group: 'apiextensions.k8s.io' }),
];

/** Where `replicas` writes. */
export const REPLICA_SPECS: FieldSpec[] = ['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((k) =>
  fs(k, 'spec/replicas', { create: true }),
);

/** A kind that can be referred to by name, and the fields that refer to it. */
export interface NameReference {
  group?: string;
  version?: string;
  kind: string;
  fieldSpecs: FieldSpec[];
}

/** Where each workload kind keeps its pod spec. */
const POD_SPEC_AT: Record<string, string> = {
  Pod: 'spec',
  PodTemplate: 'template/spec',
  Deployment: 'spec/template/spec',
  ReplicaSet: 'spec/template/spec',
  DaemonSet: 'spec/template/spec',
  StatefulSet: 'spec/template/spec',
  Job: 'spec/template/spec',
  CronJob: 'spec/jobTemplate/spec/template/spec',
  ReplicationController: 'spec/template/spec',
};

const inPodSpecs = (kinds: string[], relPaths: string[]): FieldSpec[] =>
  kinds.flatMap((kind) =>
    relPaths.map((rel) =>
      fs(
        kind,
        `${POD_SPEC_AT[kind]}/${rel}`,
        kind === 'Pod' && rel !== 'serviceAccountName' && !rel.startsWith('volumes/persistent') && !rel.startsWith('priority') ? { version: 'v1' } : {},
      ),
    ),
  );

const CONFIG_KINDS = ['Pod', 'PodTemplate', 'Deployment', 'ReplicaSet', 'DaemonSet', 'StatefulSet', 'Job', 'CronJob'];
const ACCOUNT_KINDS = ['Pod', 'StatefulSet', 'Deployment', 'ReplicationController', 'CronJob', 'Job', 'DaemonSet'];
const containerPaths = (ref: string, key: string): string[] =>
  ['containers', 'initContainers'].flatMap((c) => [`${c}/env/valueFrom/${key}KeyRef/name`, `${c}/envFrom/${ref}/name`]);
const ROLE_RULES = [fs('Role', 'rules/resourceNames'), fs('ClusterRole', 'rules/resourceNames')];

/** kustomize's default name-reference table: which fields follow a renamed object of which kind. */
export const NAME_REFERENCES: NameReference[] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({
    kind,
    fieldSpecs: [fs('HorizontalPodAutoscaler', 'spec/scaleTargetRef/name')],
  })),
  {
    kind: 'ConfigMap',
    version: 'v1',
    fieldSpecs: [
      ...inPodSpecs(CONFIG_KINDS, ['volumes/configMap/name', ...containerPaths('configMapRef', 'configMap'), 'volumes/projected/sources/configMap/name']),
      fs('Node', 'spec/configSource/configMap'),
      ...ROLE_RULES,
      fs('Ingress', 'metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap'),
    ],
  },
  {
    kind: 'Secret',
    version: 'v1',
    fieldSpecs: [
      ...inPodSpecs(CONFIG_KINDS, [
        'volumes/secret/secretName',
        ...containerPaths('secretRef', 'secret'),
        'imagePullSecrets/name',
        'volumes/projected/sources/secret/name',
      ]),
      fs('Ingress', 'spec/tls/secretName'),
      fs('Ingress', 'metadata/annotations/ingress.kubernetes.io\\/auth-secret'),
      fs('Ingress', 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret'),
      fs('Ingress', 'metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret'),
      fs('ServiceAccount', 'imagePullSecrets/name'),
      ...['secretName', 'adminSecretName', 'userSecretName', 'secretRef'].map((p) => fs('StorageClass', `parameters/${p}`)),
      ...ROLE_RULES,
      fs('Service', 'spec/template/spec/containers/env/valueFrom/secretKeyRef/name', { group: 'serving.knative.dev', version: 'v1' }),
      fs('PersistentVolume', 'spec/azureFile/secretName'),
    ],
  },
  {
    kind: 'Service',
    version: 'v1',
    fieldSpecs: [
      fs('StatefulSet', 'spec/serviceName', { group: 'apps' }),
      fs('Ingress', 'spec/rules/http/paths/backend/serviceName'),
      fs('Ingress', 'spec/backend/serviceName'),
      fs('Ingress', 'spec/rules/http/paths/backend/service/name'),
      fs('Ingress', 'spec/defaultBackend/service/name'),
      fs('APIService', 'spec/service/name', { group: 'apiregistration.k8s.io' }),
      fs('ValidatingWebhookConfiguration', 'webhooks/clientConfig/service', { group: 'admissionregistration.k8s.io' }),
      fs('MutatingWebhookConfiguration', 'webhooks/clientConfig/service', { group: 'admissionregistration.k8s.io' }),
    ],
  },
  { kind: 'Role', group: 'rbac.authorization.k8s.io', fieldSpecs: [fs('RoleBinding', 'roleRef/name', { group: 'rbac.authorization.k8s.io' })] },
  {
    kind: 'ClusterRole',
    group: 'rbac.authorization.k8s.io',
    fieldSpecs: ['RoleBinding', 'ClusterRoleBinding'].map((k) => fs(k, 'roleRef/name', { group: 'rbac.authorization.k8s.io' })),
  },
  {
    kind: 'ServiceAccount',
    version: 'v1',
    fieldSpecs: [
      ...['RoleBinding', 'ClusterRoleBinding'].map((k) => fs(k, 'subjects', { group: 'rbac.authorization.k8s.io' })),
      ...inPodSpecs(ACCOUNT_KINDS, ['serviceAccountName']),
    ],
  },
  { kind: 'PersistentVolumeClaim', version: 'v1', fieldSpecs: inPodSpecs(ACCOUNT_KINDS, ['volumes/persistentVolumeClaim/claimName']) },
  { kind: 'PersistentVolume', version: 'v1', fieldSpecs: [fs('PersistentVolumeClaim', 'spec/volumeName'), fs('ClusterRole', 'rules/resourceNames')] },
  {
    kind: 'StorageClass',
    version: 'v1',
    group: 'storage.k8s.io',
    fieldSpecs: [
      fs('PersistentVolume', 'spec/storageClassName'),
      fs('PersistentVolumeClaim', 'spec/storageClassName'),
      fs('StatefulSet', 'spec/volumeClaimTemplates/spec/storageClassName'),
    ],
  },
  { kind: 'PriorityClass', version: 'v1', group: 'scheduling.k8s.io', fieldSpecs: inPodSpecs(ACCOUNT_KINDS, ['priorityClassName']) },
  { kind: 'IngressClass', version: 'v1', group: 'networking.k8s.io/v1', fieldSpecs: [fs('Ingress', 'spec/ingressClassName')] },
  {
    kind: 'ValidatingAdmissionPolicy',
    group: 'admissionregistration.k8s.io',
    fieldSpecs: [fs('ValidatingAdmissionPolicyBinding', 'spec/policyName', { group: 'admissionregistration.k8s.io' })],
  },
];
