/** The Kubernetes shapes the sealing engine reads and writes, in their JSON wire form (no client library types). */

/** An owner reference as Kubernetes stores it. */
export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

/** The ObjectMeta fields sealing cares about; everything else is carried through untouched. */
export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string | null;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  [field: string]: unknown;
}

/** What every Kubernetes object carries: its type (apiVersion and kind, Kubernetes' TypeMeta) and its ObjectMeta. */
export interface KubeResource {
  apiVersion?: string;
  kind?: string;
  metadata?: ObjectMeta;
}

/** A core/v1 Secret: `data` values are base64, `stringData` values plain text. */
export interface Secret extends KubeResource {
  type?: string;
  immutable?: boolean;
  data?: Record<string, string>;
  stringData?: Record<string, string>;
}

/** `spec.template` of a SealedSecret: the shape of the Secret it unseals into. */
export interface SecretTemplateSpec {
  metadata?: ObjectMeta | null;
  type?: string;
  immutable?: boolean;
  /** Go text/template strings evaluated against the decrypted values. */
  data?: Record<string, string> | null;
}

/** One status condition of a SealedSecret (upstream only ever writes type `Synced`). */
export interface SealedSecretCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  lastUpdateTime?: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** `status` of a SealedSecret. */
export interface SealedSecretStatus {
  observedGeneration?: number;
  conditions?: SealedSecretCondition[];
}

/** A SealedSecret (bitnami.com/v1alpha1). */
export interface SealedSecret extends KubeResource {
  spec: {
    encryptedData?: Record<string, string>;
    template?: SecretTemplateSpec;
    /** Deprecated v1 format: the whole Secret's JSON as one base64 ciphertext. */
    data?: string;
  };
  status?: SealedSecretStatus;
}

/** apiVersion of SealedSecret. */
export const SEALED_SECRET_API_VERSION = 'bitnami.com/v1alpha1';
/** kind of SealedSecret. */
export const SEALED_SECRET_KIND = 'SealedSecret';
