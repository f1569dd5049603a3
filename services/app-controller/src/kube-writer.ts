import type { KubeConfig } from '@kubernetes/client-node';
import type { KubeObject } from '@fjord/k8s-yaml';
import { FIELD_MANAGER } from './dry-run';
import { RawObjectClient, isNotFound } from './raw-object-client';

/** Options of a delete: a dry run writes nothing; the propagation policy in Argo CD's or Kubernetes' spelling. */
export interface DeleteOptions {
  dryRun: boolean;
  propagationPolicy?: string;
}

/** Options of an apply: a dry run writes nothing; `replace` for `Replace=true`. */
export interface ApplyWriteOptions {
  dryRun: boolean;
  replace?: boolean;
}

/**
 * Every write the operation runner and the app finalizer make to the cluster goes through this interface (and one
 * read, {@link ClusterWriter.exists}), so that tests can record them all: {@link KubeWriter} is the real one.
 */
export interface ClusterWriter {
  /** Writes made so far (dry runs included). */
  readonly writes: number;
  apply(obj: KubeObject, options: ApplyWriteOptions): Promise<KubeObject | undefined>;
  exists(obj: KubeObject): Promise<boolean>;
  delete(obj: KubeObject, options: DeleteOptions): Promise<void>;
  removeFinalizer(obj: KubeObject, finalizer: string): Promise<void>;
}

/**
 * How the operation runner writes to the cluster: server-side apply, replace, delete, finalizer removal. Objects go
 * to the API server exactly as rendered (see {@link RawObjectClient}); errors name the object.
 */
export class KubeWriter implements ClusterWriter {
  private readonly client: RawObjectClient;
  writes = 0;

  constructor(kc: KubeConfig) {
    this.client = new RawObjectClient(kc);
  }

  /**
   * Server-side apply as `fjord-controller` (force: Git wins conflicts), or replace (create when absent) for
   * `Replace=true`; returns the object as the API server stored it (or would have, on a dry run).
   */
  async apply(obj: KubeObject, options: ApplyWriteOptions): Promise<KubeObject | undefined> {
    this.writes++;
    const write = { dryRun: options.dryRun, fieldManager: FIELD_MANAGER };
    if (!options.replace) return this.client.apply(obj, { ...write, force: true });
    try {
      return await this.client.replace(obj, write);
    } catch (err) {
      if (!isNotFound(err)) throw err;
      return this.client.create(obj, write);
    }
  }

  /** Whether the object `obj` names exists (a read, not a write: the watch may not have delivered it yet). */
  async exists(obj: KubeObject): Promise<boolean> {
    try {
      await this.client.get(identity(obj));
      return true;
    } catch (err) {
      if (isNotFound(err)) return false;
      throw err;
    }
  }

  /**
   * Deletes an object (already gone is fine). When `obj` carries a uid (it was read from the cluster), only that
   * object is deleted: one deleted and created again under the same name since then is not (a 409 error).
   */
  async delete(obj: KubeObject, options: DeleteOptions): Promise<void> {
    this.writes++;
    const uid = typeof obj.metadata?.uid === 'string' && obj.metadata.uid ? obj.metadata.uid : undefined;
    try {
      await this.client.delete(identity(obj), { dryRun: options.dryRun, propagationPolicy: propagation(options.propagationPolicy), uid });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }

  /** Removes one finalizer from an object (a completed hook's hook finalizer); already gone is fine. */
  async removeFinalizer(obj: KubeObject, finalizer: string): Promise<void> {
    const finalizers = ((obj.metadata?.finalizers as string[] | undefined) ?? []).filter((f) => f !== finalizer);
    this.writes++;
    try {
      await this.client.mergePatch(identity(obj), { metadata: { finalizers } }, { fieldManager: FIELD_MANAGER });
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}

/** apiVersion, kind, namespace and name of an object: what a request about it needs. */
function identity(obj: KubeObject): KubeObject {
  const { name, namespace } = obj.metadata ?? {};
  return { apiVersion: obj.apiVersion, kind: obj.kind, metadata: { name, ...(namespace ? { namespace } : {}) } };
}

/** Argo CD writes propagation policies in lower case (`PrunePropagationPolicy=background`); the API wants `Background`. */
function propagation(policy: string | undefined): string {
  const p = (policy ?? 'foreground').toLowerCase();
  return p.charAt(0).toUpperCase() + p.slice(1);
}

/** A message for an error from the API server: its Status message when there is one (the writer's errors carry it after the object's name). */
export function kubeErrorMessage(err: unknown): string {
  const body = (err as { body?: unknown }).body;
  if (typeof body === 'string') {
    try {
      return (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      return body;
    }
  }
  if (body && typeof body === 'object' && 'message' in body) return String((body as { message: unknown }).message);
  return (err as Error)?.message ?? String(err);
}
