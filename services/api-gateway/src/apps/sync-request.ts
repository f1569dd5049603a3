import { SyncStrategy } from '@fjord/argo';
import type { Caller } from '../auth/caller';
import type { Application, Operation, RevisionHistory, SyncOperation } from '@fjord/argo';

export { SyncStrategy };

/** A request to sync an app, as REST and gRPC callers give it. */
export interface SyncRequest {
  revision?: string;
  prune?: boolean;
  dryRun?: boolean;
  resources?: { group: string; kind: string; name: string; namespace?: string }[];
  syncOptions?: string[];
  strategy?: SyncStrategy;
  force?: boolean;
}

/** A request to roll an app back to the revision of one history entry. */
export interface RollbackRequest {
  id: number;
  prune?: boolean;
  dryRun?: boolean;
}

/** The `operation` the controller runs for a sync request, with who asked for it (and a rollback's sources). */
export function syncOperation(caller: Caller, req: SyncRequest, deployed: Pick<SyncOperation, 'source' | 'sources' | 'revisions'> = {}): Operation {
  const sync: SyncOperation = {};
  if (req.revision) sync.revision = req.revision;
  if (req.prune) sync.prune = true;
  if (req.dryRun) sync.dryRun = true;
  if (req.resources?.length)
    sync.resources = req.resources.map((r) => ({ group: r.group ?? '', kind: r.kind, name: r.name, ...(r.namespace ? { namespace: r.namespace } : {}) }));
  if (req.syncOptions?.length) sync.syncOptions = req.syncOptions;
  const strategy = req.strategy ?? SyncStrategy.Hook;
  sync.syncStrategy = { [strategy]: req.force ? { force: true } : {} };
  if (deployed.source) sync.source = deployed.source;
  if (deployed.sources?.length) {
    sync.sources = deployed.sources;
    sync.revisions = deployed.revisions ?? [];
  }
  return { sync, initiatedBy: { username: caller.subject } };
}

/**
 * The operation of a rollback to one history entry: the entry's source at its revision, or, for a multi-source
 * entry, every one of its sources at its recorded revision (`sync.sources` + `sync.revisions`), as Argo CD's does.
 */
export function rollbackOperation(caller: Caller, entry: RevisionHistory, req: RollbackRequest): Operation {
  const options = { prune: req.prune, dryRun: req.dryRun };
  if (entry.sources?.length) return syncOperation(caller, options, { sources: entry.sources, revisions: entry.revisions });
  return syncOperation(caller, { ...options, revision: entry.revision }, { source: entry.source });
}

/** True when auto-sync is on (rollback is refused then, as in Argo CD). */
export const autoSyncEnabled = (app: Application) => {
  const automated = app.spec.syncPolicy?.automated;
  return automated !== undefined && automated !== null && automated.enabled !== false;
};
