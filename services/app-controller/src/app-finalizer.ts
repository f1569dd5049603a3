import type { KubeObject } from '@fjord/k8s-yaml';
import { AppDeletionDecision, decideAppDeletion } from '@fjord/sync';
import type { ClusterWriter } from './cluster-writer';

/** How the resources finalizer deletes. */
export interface AppDeletionOptions {
  /** Whether `Delete=confirm` deletions are approved. */
  approved: boolean;
  /** Kubernetes' propagation policy (`Foreground` or `Background`). */
  propagationPolicy: string;
}

/**
 * One round of the resources finalizer over the app's live resources: deletes those @fjord/sync's
 * decideAppDeletion lets go (`Delete=false` ones stay) and are not already going; returns how many the finalizer
 * still waits for (being deleted, or `Delete=confirm` awaiting approval). Zero means the app itself may go.
 */
export async function deleteAppResources(managed: readonly KubeObject[], writer: ClusterWriter, options: AppDeletionOptions): Promise<number> {
  let pending = 0;
  for (const obj of managed) {
    const decision = decideAppDeletion(obj, options.approved);
    if (decision === AppDeletionDecision.Keep) continue;
    pending++;
    if (decision === AppDeletionDecision.Delete && !obj.metadata?.deletionTimestamp) {
      await writer.delete(obj, { dryRun: false, propagationPolicy: options.propagationPolicy });
    }
  }
  return pending;
}
