import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { KubeObject } from '@fjord/k8s-yaml';
import type { KubeClient } from './kube-client';

/**
 * Server-side-apply dry runs of desired objects: what the API server would make of them (defaults, admission),
 * for a noise-free diff. The desired object goes as rendered and the prediction comes back as the API server
 * wrote it (see {@link KubeClient}).
 *
 * Results are memoised by what a prediction depends on (see {@link predictionKey}), so a resync where nothing
 * changed makes no request at all. For an object that has `metadata.generation`, the key is its uid and
 * generation plus the live metadata an apply reads, not its resourceVersion: during a rollout the
 * controller-manager (and kwok, or kubelets) write a Deployment's status many times, each write is a new
 * resourceVersion, and each would cost a new dry run, the API server's most expensive request, for the same
 * prediction. The reasoning:
 * - the API server bumps `generation` on every change outside metadata and the status subresource (for a custom
 *   resource without a status subresource, on status changes too), and an apply to the main resource never
 *   changes status;
 * - of metadata, an apply reads (or merges into) labels, annotations, ownerReferences and finalizers, behaves
 *   differently once deletionTimestamp is set, and removes a field Fjord no longer applies only if no other
 *   manager owns it, so those and the main resource's managedFields (without their timestamps; status-subresource
 *   entries left out) are part of the key;
 * - what is left can differ between a memoised prediction and a fresh one: status, resourceVersion and
 *   managedFields timestamps. The diff drops all three (normalizeObject in @fjord/diff) after giving fields Fjord
 *   does not own their live value (revertWebhookMutations), so the comparison comes out the same.
 * Objects without `generation` (ConfigMap, Secret, Service, …) are keyed by resourceVersion: a change to them is
 * a change to what they hold.
 */
export class DryRunner {
  /** One prediction per object (its slot): a newer version replaces the older, so memory follows the cluster. */
  private readonly memo = new LRUCache<string, { key: string; predicted: KubeObject }>({ max: 50_000 });
  requests = 0;

  constructor(private readonly client: KubeClient) {}

  /**
   * Records `stored`, what a server-side apply of `desired` just returned, as the prediction of applying `desired`
   * over it: an apply is idempotent, so a dry run would answer the same object.
   */
  remember(desired: KubeObject, stored: KubeObject): void {
    this.memo.set(slotOf(desired), { key: predictionKey(desired, stored), predicted: stored });
  }

  /**
   * The predicted live object after applying `desired` over `live`; undefined when the dry run fails. `live` may
   * also be given as its bare resourceVersion, which memoises by resourceVersion only.
   */
  async predict(desired: KubeObject, live: KubeObject | string): Promise<KubeObject | undefined> {
    const key = predictionKey(desired, live);
    const slot = slotOf(desired);
    const hit = this.memo.get(slot);
    if (hit?.key === key) return hit.predicted;
    this.requests++;
    try {
      const result = await this.client.dryRunApply(desired);
      this.memo.set(slot, { key, predicted: result });
      return result;
    } catch {
      return undefined; // the built-in normalisation compares instead; the sync reports apply errors
    }
  }
}

/** Which object a prediction is about: its apiVersion, kind, namespace and name. */
function slotOf(desired: KubeObject): string {
  const meta = desired.metadata ?? {};
  return `${String(desired.apiVersion)}|${String(desired.kind)}|${String(meta.namespace ?? '')}|${String(meta.name ?? '')}`;
}

/**
 * The memo key of a dry run of `desired` over `live` (see {@link DryRunner} for why): uid, generation and a hash
 * of the metadata an apply reads for an object with a generation; its resourceVersion otherwise.
 */
export function predictionKey(desired: KubeObject, live: KubeObject | string): string {
  const desiredHash = hash(desired);
  if (typeof live === 'string') return `rv|${live}|${desiredHash}`;
  const meta = live.metadata ?? {};
  if (typeof meta.generation === 'number' && typeof meta.uid === 'string' && meta.uid) {
    return `gen|${meta.uid}|${meta.generation}|${hash(appliedMetadata(meta))}|${desiredHash}`;
  }
  return `rv|${String(meta.resourceVersion ?? '')}|${desiredHash}`;
}

/** The live metadata a server-side apply reads, without what changes when only status does. */
function appliedMetadata(meta: Record<string, unknown>): unknown[] {
  const managedFields = Array.isArray(meta.managedFields) ? (meta.managedFields as Record<string, unknown>[]) : [];
  const ownership = managedFields.filter((entry) => !entry.subresource).map(({ time: _time, ...entry }) => entry);
  return [meta.labels, meta.annotations, meta.ownerReferences, meta.finalizers, meta.deletionTimestamp, ownership];
}

function hash(value: unknown): string {
  return createHash('sha256')
    .update(JSON.stringify(value) ?? '')
    .digest('base64');
}
