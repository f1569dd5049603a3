import { SYNC_OPTIONS_ANNOTATION, SyncPhase } from '@fjord/argo';
import type { KubeObject } from '@fjord/k8s-yaml';
import { applyOptionsFor, NO_SYNC_OPTIONS, type SyncOptions } from './sync-options';
import { TaskAction, taskId, type SyncTask } from './task';

/** `syncPolicy.managedNamespaceMetadata`: labels and annotations for the namespace `CreateNamespace=true` creates. */
export interface ManagedNamespaceMetadata {
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** The inputs namespaceTask reads. */
interface NamespaceInput {
  desired: readonly KubeObject[];
  destinationNamespace?: string;
  managedNamespaceMetadata?: ManagedNamespaceMetadata;
  liveNamespace?: KubeObject;
}

/** The Namespace object Fjord applies for `CreateNamespace=true` (managed metadata applied server-side). */
export function managedNamespace(name: string, metadata?: ManagedNamespaceMetadata): KubeObject {
  const ns: KubeObject = { apiVersion: 'v1', kind: 'Namespace', metadata: { name } };
  if (metadata) {
    ns.metadata!.labels = { ...(metadata.labels ?? {}) };
    ns.metadata!.annotations = { ...(metadata.annotations ?? {}), [SYNC_OPTIONS_ANNOTATION]: 'ServerSideApply=true' };
  }
  return ns;
}

/**
 * The PreSync task that creates the destination namespace for `CreateNamespace=true`, or undefined when the app
 * declares that Namespace itself, or it exists and there is no managed metadata to keep up to date (Argo CD's rule).
 */
export function namespaceTask(input: NamespaceInput, options: SyncOptions): SyncTask | undefined {
  const name = input.destinationNamespace;
  if (!name) return undefined;
  const declared = input.desired.some((o) => o.kind === 'Namespace' && (o.apiVersion ?? '') === 'v1' && o.metadata?.name === name);
  if (declared || (input.liveNamespace && !input.managedNamespaceMetadata)) return undefined;
  const key = { group: '', kind: 'Namespace', namespace: '', name };
  return {
    id: taskId(key, SyncPhase.PreSync),
    action: TaskAction.Apply,
    phase: SyncPhase.PreSync,
    wave: 0,
    key,
    apiVersion: 'v1',
    target: managedNamespace(name, input.managedNamespaceMetadata),
    live: input.liveNamespace,
    synced: false,
    applyOptions: {
      ...applyOptionsFor(options, NO_SYNC_OPTIONS),
      serverSideApply: input.managedNamespaceMetadata !== undefined || options.serverSideApply === true,
    },
    deletePolicies: [],
    createsNamespace: true,
  };
}
