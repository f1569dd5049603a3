export {
  AppAnnotation,
  COMPARE_OPTIONS_ANNOTATION,
  DELETION_APPROVED_ANNOTATION,
  HOOK_ANNOTATION,
  HOOK_DELETE_POLICY_ANNOTATION,
  INSTALLATION_ID_ANNOTATION,
  MANIFEST_GENERATE_PATHS_ANNOTATION,
  REFRESH_ANNOTATION,
  RefreshType,
  ResourcesFinalizer,
  SYNC_OPTIONS_ANNOTATION,
  SYNC_WAVE_ANNOTATION,
  TRACEPARENT_ANNOTATION,
  TRACKING_ANNOTATION,
} from './annotations';
export type { AppProject, AppProjectSpec, ClusterResourcePattern, GroupKindPattern, JwtTokenRecord, ProjectDestination, ProjectRole } from './app-project';
export {
  appKey,
  appSources,
  type AppHealthStatus,
  type Application,
  type ApplicationCondition,
  type ApplicationDestination,
  type ApplicationSource,
  type ApplicationSourceDirectory,
  type ApplicationSpec,
  type RendererOptions,
  type ApplicationStatus,
  type ComparedTo,
  type ResourceIgnoreDifferences,
  type ResourceStatus,
  type SyncPolicy,
  type SyncPolicyAutomated,
  type SyncStatusInfo,
} from './application';
export { ConditionType } from './condition-type';
export { DurationError, formatDurationMs, formatGoDuration, parseBackoffDuration, parseDurationMs, parseGoDuration } from './duration';
export { compileGlob, GlobDialect, globMatch, GlobSyntaxError, type ClassSyntax, type GlobOptions } from './glob';
export { HookType } from './hook-type';
export { KIND_ORDER } from './kind-order';
export type { KubeObject, ObjectMeta } from './kube-object';
export type { Operation, OperationInitiator, OperationState, ResourceResult, SyncOperation, SyncOperationResource, SyncOperationResult } from './operation';
export { isCompleted, OperationPhase } from './operation-phase';
export { groupOfApiVersion, keyString, type ResourceKey } from './resource-key';
export { ResultCode } from './result-code';
export type { RetryBackoff, RetryStrategy } from './retry';
export type { RevisionHistory } from './revision-history';
export { SyncPhase } from './sync-phase';
export { SyncStatus } from './sync-status';
export { SyncStrategy } from './sync-strategy';
export { formatTrackingId, parseTrackingId, type TrackingId } from './tracking-id';
