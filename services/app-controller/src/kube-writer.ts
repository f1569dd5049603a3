import { KubernetesObjectApi, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import type { KubeObject } from '@fjord/k8s-yaml';
import { FIELD_MANAGER } from './dry-run';

/** How the operation runner writes to the cluster: server-side apply, replace, delete, finalizer removal. */
export class KubeWriter {
  private readonly api: KubernetesObjectApi;
  writes = 0;

  constructor(kc: KubeConfig) {
    this.api = KubernetesObjectApi.makeApiClient(kc);
  }

  /** Server-side apply as `fjord-controller` (force: Git wins conflicts), or replace for `Replace=true`. */
  async apply(obj: KubeObject, options: { dryRun: boolean; replace?: boolean }): Promise<void> {
    this.writes++;
    const dryRun = options.dryRun ? 'All' : undefined;
    if (options.replace) {
      try {
        await this.api.replace(obj as KubernetesObject, undefined, dryRun, FIELD_MANAGER);
        return;
      } catch (err) {
        if ((err as { code?: number }).code !== 404) throw err;
        await this.api.create(obj as KubernetesObject, undefined, dryRun, FIELD_MANAGER);
        return;
      }
    }
    await this.api.patch(obj as KubernetesObject, undefined, dryRun, FIELD_MANAGER, true, 'application/apply-patch+yaml');
  }

  /** Deletes an object (already gone is fine). */
  async delete(obj: KubeObject, options: { dryRun: boolean; propagationPolicy?: string }): Promise<void> {
    this.writes++;
    const ref = { apiVersion: obj.apiVersion, kind: obj.kind, metadata: { name: obj.metadata?.name, namespace: obj.metadata?.namespace } };
    try {
      await this.api.delete(ref as KubernetesObject, undefined, options.dryRun ? 'All' : undefined, undefined, undefined, propagation(options.propagationPolicy));
    } catch (err) {
      if ((err as { code?: number }).code !== 404) throw err;
    }
  }

  /** Removes one finalizer from an object (a completed hook's hook finalizer). */
  async removeFinalizer(obj: KubeObject, finalizer: string): Promise<void> {
    const finalizers = ((obj.metadata?.finalizers as string[] | undefined) ?? []).filter((f) => f !== finalizer);
    const ref = { apiVersion: obj.apiVersion, kind: obj.kind, metadata: { name: obj.metadata?.name, namespace: obj.metadata?.namespace, finalizers } };
    this.writes++;
    try {
      await this.api.patch(ref as KubernetesObject, undefined, undefined, FIELD_MANAGER, undefined, 'application/merge-patch+json');
    } catch (err) {
      if ((err as { code?: number }).code !== 404) throw err;
    }
  }
}

/** Argo CD writes propagation policies in lower case (`PrunePropagationPolicy=background`); the API wants `Background`. */
function propagation(policy: string | undefined): string {
  const p = (policy ?? 'foreground').toLowerCase();
  return p.charAt(0).toUpperCase() + p.slice(1);
}

/** A message for an error from the API server: its Status message when there is one. */
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
