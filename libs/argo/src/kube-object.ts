/** A Kubernetes object as plain JSON (parsed from YAML or read from the API server). */
export type KubeObject = Record<string, unknown> & { apiVersion?: string; kind?: string; metadata?: Record<string, unknown> };

/** The part of Kubernetes ObjectMeta that Fjord reads and writes on Argo CD resources. */
export interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  finalizers?: string[];
  creationTimestamp?: string;
  deletionTimestamp?: string;
}
