import type { IsNamespaced } from '@fjord/diff';
import { SyncStrategy, type Application, type SyncOperation } from '@fjord/argo';
import { planSync, type SyncPlan } from '@fjord/sync';
import type { Comparison } from './compare-app';
import type { LiveObjects } from './step-executor';

/** What planOperation reads. */
export interface PlanOperationInput {
  app: Application;
  sync: SyncOperation;
  /** The comparison of the rendered revision with the cluster. */
  comparison: Comparison;
  /** The resolved revision being synced. */
  revision: string;
  startedAt: string;
  /** The live cluster (the destination Namespace of `CreateNamespace=true`; live values for `RespectIgnoreDifferences=true`). */
  live: Pick<LiveObjects, 'get'>;
  isNamespaced: IsNamespaced;
}

/** The plan of an app's sync operation: the Application's operation and policy turned into @fjord/sync's input. */
export function planOperation(input: PlanOperationInput): SyncPlan {
  const { app, sync, comparison } = input;
  const namespace = app.spec.destination?.namespace ?? '';
  return planSync({
    desired: comparison.desired,
    resources: comparison.resources,
    destinationNamespace: namespace,
    operation: {
      revision: input.revision,
      prune: sync.prune,
      dryRun: sync.dryRun,
      resources: sync.resources,
      strategy: sync.syncStrategy?.apply ? SyncStrategy.Apply : SyncStrategy.Hook,
      syncOptions: sync.syncOptions,
    },
    appSyncOptions: app.spec.syncPolicy?.syncOptions,
    managedNamespaceMetadata: (app.spec.syncPolicy as { managedNamespaceMetadata?: never } | undefined)?.managedNamespaceMetadata,
    liveNamespace: namespace ? input.live.get({ group: '', kind: 'Namespace', namespace: '', name: namespace }) : undefined,
    startedAt: input.startedAt,
    isNamespaced: input.isNamespaced,
    // RespectIgnoreDifferences=true keeps the live values of the fields these select
    ignoreDifferences: (app.spec.ignoreDifferences ?? []) as never,
    liveObject: (key) => input.live.get(key),
  });
}
