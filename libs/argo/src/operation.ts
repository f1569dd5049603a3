import type { ApplicationSource } from './application';
import type { HookType } from './hook-type';
import type { OperationPhase } from './operation-phase';
import type { ResourceKey } from './resource-key';
import type { ResultCode } from './result-code';
import type { RetryStrategy } from './retry';
import type { SyncPhase } from './sync-phase';

/** A resource named by a selective sync (`operation.sync.resources[]`). */
export interface SyncOperationResource {
  group?: string;
  kind: string;
  name: string;
  /** Empty or absent matches the resource in any namespace. */
  namespace?: string;
}

/** `operation.sync`: the sync asked for, as Argo CD spells it on the wire. */
export interface SyncOperation {
  revision?: string;
  /** One per source of a multi-source app. */
  revisions?: string[];
  prune?: boolean;
  dryRun?: boolean;
  resources?: SyncOperationResource[];
  syncOptions?: string[];
  syncStrategy?: { apply?: { force?: boolean }; hook?: { force?: boolean } };
  /** A source to sync instead of the app's (a rollback or a parameter override). */
  source?: ApplicationSource;
  sources?: ApplicationSource[];
}

/** Who started an operation (`operation.initiatedBy`). */
export interface OperationInitiator {
  username?: string;
  automated?: boolean;
}

/** The top-level `operation` field of an Application: who asked for what. */
export interface Operation {
  sync?: SyncOperation;
  initiatedBy?: OperationInitiator;
  info?: { name: string; value: string }[];
  retry?: RetryStrategy;
}

/** One entry of `status.operationState.syncResult.resources[]`: what happened to one resource (its key and API version). */
export interface ResourceResult extends ResourceKey {
  version: string;
  status?: ResultCode;
  message?: string;
  hookType?: HookType;
  hookPhase?: OperationPhase;
  syncPhase: SyncPhase;
}

/** `status.operationState.syncResult`. */
export interface SyncOperationResult {
  resources?: ResourceResult[];
  revision?: string;
  revisions?: string[];
  source?: ApplicationSource;
  sources?: ApplicationSource[];
}

/** `status.operationState`: the progress and outcome of the app's current or last operation. */
export interface OperationState {
  /** The operation as requested (`app.operation`). */
  operation: Operation;
  phase: OperationPhase;
  message: string;
  syncResult?: SyncOperationResult;
  startedAt: string;
  finishedAt?: string;
  retryCount?: number;
}
