import { CustomObjectsApi, PatchStrategy, setHeaderOptions, type KubeConfig } from '@kubernetes/client-node';
import type { Application, AppProject } from '@fjord/argo';
import { InputError } from '@fjord/platform';
import { fromKubeError } from './kube-errors';

const group = 'argoproj.io';
const version = 'v1alpha1';

const OBJECT_NAME = /^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$/;

/**
 * Refuses a name no object can have before it reaches a URL: an empty name would read the whole list and `a/b`
 * another path. InputError naming the kind, with the name shortened.
 */
export function checkObjectName(name: unknown, kind: string): string {
  if (typeof name === 'string' && OBJECT_NAME.test(name)) return name;
  const shown = JSON.stringify(String(name).slice(0, 64));
  throw new InputError(`invalid ${kind} name ${shown}: must be a DNS subdomain (lower-case letters, digits, '-' and '.', at most 253)`);
}

/** The plural of each Argo CD kind the gateway stores. */
export const Plural = { Application: 'applications', AppProject: 'appprojects' } as const;
type Plural = (typeof Plural)[keyof typeof Plural];

/**
 * Reads and writes one kind of Argo CD resource in Fjord's namespace. Writes validate strictly (unknown fields are
 * refused by the API server against the CRD schema); every error is wrapped with what was being done.
 */
export class ArgoResources<T extends { metadata: { name: string; resourceVersion?: string } }> {
  private readonly api: CustomObjectsApi;

  constructor(
    kc: KubeConfig,
    readonly namespace: string,
    private readonly plural: Plural,
    private readonly kind: string,
  ) {
    this.api = kc.makeApiClient(CustomObjectsApi);
  }

  private base() {
    return { group, version, namespace: this.namespace, plural: this.plural };
  }

  /** Lists the resources, optionally by label selector. */
  async list(labelSelector?: string): Promise<T[]> {
    try {
      const res = (await this.api.listNamespacedCustomObject({ ...this.base(), labelSelector: labelSelector || undefined })) as { items: T[] };
      return res.items;
    } catch (err) {
      throw fromKubeError(`list ${this.plural}`, err);
    }
  }

  /** Reads one resource; NotFoundError when it does not exist. */
  async get(name: string): Promise<T> {
    checkObjectName(name, this.kind);
    try {
      return (await this.api.getNamespacedCustomObject({ ...this.base(), name })) as T;
    } catch (err) {
      throw fromKubeError(`get ${this.kind} ${name}`, err);
    }
  }

  /** Creates a resource; ConflictError when it exists. */
  async create(obj: T): Promise<T> {
    checkObjectName(obj.metadata?.name, this.kind);
    try {
      const body = { apiVersion: `${group}/${version}`, kind: this.kind, ...obj, metadata: { ...obj.metadata, namespace: this.namespace } };
      return (await this.api.createNamespacedCustomObject({ ...this.base(), body, fieldValidation: 'Strict' })) as T;
    } catch (err) {
      throw fromKubeError(`create ${this.kind} ${obj.metadata.name}`, err);
    }
  }

  /** Replaces a resource (status untouched: it is a subresource). */
  async replace(obj: T): Promise<T> {
    checkObjectName(obj.metadata?.name, this.kind);
    try {
      const body = { apiVersion: `${group}/${version}`, kind: this.kind, ...obj, metadata: { ...obj.metadata, namespace: this.namespace } };
      return (await this.api.replaceNamespacedCustomObject({ ...this.base(), name: obj.metadata.name, body, fieldValidation: 'Strict' })) as T;
    } catch (err) {
      throw fromKubeError(`update ${this.kind} ${obj.metadata.name}`, err);
    }
  }

  /** Applies a JSON merge patch; include `metadata.resourceVersion` in it for optimistic concurrency. */
  mergePatch(name: string, patch: Record<string, unknown>): Promise<T> {
    return this.patch(name, patch);
  }

  /** Applies a JSON merge patch to the status subresource (`{status: …}`, with `metadata.resourceVersion` to guard it). */
  mergePatchStatus(name: string, patch: Record<string, unknown>): Promise<T> {
    return this.patch(name, patch, 'status');
  }

  private async patch(name: string, body: Record<string, unknown>, subresource?: 'status'): Promise<T> {
    checkObjectName(name, this.kind);
    const request = { ...this.base(), name, body };
    const options = setHeaderOptions('Content-Type', PatchStrategy.MergePatch);
    try {
      return (await (subresource === 'status'
        ? this.api.patchNamespacedCustomObjectStatus(request, options)
        : this.api.patchNamespacedCustomObject(request, options))) as T;
    } catch (err) {
      throw fromKubeError(subresource === 'status' ? `patch the status of ${this.kind} ${name}` : `patch ${this.kind} ${name}`, err);
    }
  }

  /** Deletes a resource with the given propagation policy. */
  async delete(name: string, propagationPolicy?: string): Promise<void> {
    checkObjectName(name, this.kind);
    try {
      await this.api.deleteNamespacedCustomObject({ ...this.base(), name, propagationPolicy });
    } catch (err) {
      throw fromKubeError(`delete ${this.kind} ${name}`, err);
    }
  }
}

/** The Applications of Fjord's namespace. */
export const applicationResources = (kc: KubeConfig, namespace: string) => new ArgoResources<Application>(kc, namespace, Plural.Application, 'Application');

/** The AppProjects of Fjord's namespace. */
export const projectResources = (kc: KubeConfig, namespace: string) => new ArgoResources<AppProject>(kc, namespace, Plural.AppProject, 'AppProject');
