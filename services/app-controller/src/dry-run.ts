import { createHash } from 'node:crypto';
import { KubernetesObjectApi, type KubeConfig, type KubernetesObject } from '@kubernetes/client-node';
import { LRUCache } from 'lru-cache';
import type { KubeObject } from '@fjord/k8s-yaml';

/** The field manager every Fjord write uses. */
export const FIELD_MANAGER = 'fjord-controller';

/**
 * Server-side-apply dry runs of desired objects: what the API server would make of them (defaults, admission),
 * for a noise-free diff. Results are memoised by (desired object, live resourceVersion), so a resync where nothing
 * changed makes no request at all.
 */
export class DryRunner {
  private readonly api: KubernetesObjectApi;
  private readonly memo = new LRUCache<string, KubeObject>({ max: 50_000 });
  requests = 0;

  constructor(kc: KubeConfig) {
    this.api = KubernetesObjectApi.makeApiClient(kc);
  }

  /** The predicted live object after applying `desired` over `liveResourceVersion`; undefined when the dry run fails. */
  async predict(desired: KubeObject, liveResourceVersion: string): Promise<KubeObject | undefined> {
    const key = `${liveResourceVersion}|${createHash('sha256').update(JSON.stringify(desired)).digest('base64')}`;
    const hit = this.memo.get(key);
    if (hit) return hit;
    this.requests++;
    try {
      const result = (await this.api.patch(
        desired as KubernetesObject,
        undefined,
        'All',
        FIELD_MANAGER,
        true,
        'application/apply-patch+yaml',
      )) as unknown as KubeObject;
      this.memo.set(key, result);
      return result;
    } catch {
      return undefined; // the built-in normalisation compares instead; the sync reports apply errors
    }
  }
}
