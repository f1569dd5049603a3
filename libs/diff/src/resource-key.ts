import { groupOfApiVersion, type ResourceKey } from '@fjord/argo';
import type { KubeObject } from '@fjord/k8s-yaml';
import { isObject } from './json';

/** Tells whether a kind is namespaced; undefined when unknown (the cluster's discovery knows; the engine guesses). */
export type IsNamespaced = (group: string, kind: string) => boolean | undefined;

/** Built-in cluster-scoped kinds, used when the caller has no discovery information. */
const clusterScoped = new Set([
  '/Namespace',
  '/Node',
  '/PersistentVolume',
  '/ComponentStatus',
  'rbac.authorization.k8s.io/ClusterRole',
  'rbac.authorization.k8s.io/ClusterRoleBinding',
  'apiextensions.k8s.io/CustomResourceDefinition',
  'apiregistration.k8s.io/APIService',
  'admissionregistration.k8s.io/MutatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingWebhookConfiguration',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicy',
  'admissionregistration.k8s.io/ValidatingAdmissionPolicyBinding',
  'storage.k8s.io/StorageClass',
  'storage.k8s.io/CSIDriver',
  'storage.k8s.io/CSINode',
  'storage.k8s.io/VolumeAttachment',
  'scheduling.k8s.io/PriorityClass',
  'node.k8s.io/RuntimeClass',
  'networking.k8s.io/IngressClass',
  'policy/PodSecurityPolicy',
  'certificates.k8s.io/CertificateSigningRequest',
  'flowcontrol.apiserver.k8s.io/FlowSchema',
  'flowcontrol.apiserver.k8s.io/PriorityLevelConfiguration',
  'argoproj.io/ClusterWorkflowTemplate',
]);

/** The default IsNamespaced: every kind is namespaced except the well-known cluster-scoped ones. */
export const defaultIsNamespaced: IsNamespaced = (group, kind) => !clusterScoped.has(`${group}/${kind}`);

/** The object's metadata field as a string ('' when absent). */
export function metaString(obj: KubeObject | undefined, field: string): string {
  const value = isObject(obj?.metadata) ? obj!.metadata![field] : undefined;
  return typeof value === 'string' ? value : '';
}

/**
 * The key of an object. A namespaced object without a namespace gets `defaultNamespace` (the app's destination),
 * as Argo CD does with desired objects; a cluster-scoped one gets ''.
 */
export function resourceKeyOf(obj: KubeObject, defaultNamespace = '', isNamespaced: IsNamespaced = defaultIsNamespaced): ResourceKey {
  const group = groupOfApiVersion(obj.apiVersion);
  const kind = obj.kind ?? '';
  const namespaced = isNamespaced(group, kind) ?? true;
  const namespace = namespaced ? metaString(obj, 'namespace') || defaultNamespace : '';
  return { group, kind, namespace, name: metaString(obj, 'name') };
}
