export { annotationList, annotationsOf, HELM_HOOK_DELETE_POLICY_ANNOTATION, HELM_HOOK_WEIGHT_ANNOTATION } from './annotations';
export {
  AppDeletionDecision,
  decideAppDeletion,
  decidePrune,
  isOwnHookObject,
  PruneDecision,
  PruneSkipMessage,
  shouldDeleteHook,
  shouldPrune,
  shouldReplaceHook,
  type PruneContext,
} from './deletion';
export { normalizeGitURL } from './git-url';
export { appendHistory, DEFAULT_REVISION_HISTORY_LIMIT, findHistory, type HistoryEntry } from './history';
export { hookName } from './hook-name';
export { kindRank } from './kind-order';
export { managedNamespace, namespaceTask, type ManagedNamespaceMetadata } from './namespace-task';
export { nextStep, StepKind, type ApplyStep, type DoneStep, type StepCleanup, type StepObservations, type SyncStep, type WaitStep } from './next-step';
export { isDeletionApproved, isSelected, type PlannedSync } from './operation';
export { decideRetry, endOperation, isRetryPending, newOperationState, startRetry, terminateOperation, withStep, type Termination } from './operation-state';
export { HELM_DELETE_POLICIES, hookDeletePolicies, HookDeletePolicy, SYNC_PHASE_ORDER, syncPhasesOf, syncWaveOf } from './phases';
export { planSync, type PlanSyncInput, type SyncPlan } from './plan';
export { findSharedResources, sharedResourceFailure, sharedResourceWarning, type SharedResource } from './shared-resource';
export {
  checkProject,
  isDestinationPermitted,
  isSourcePermitted,
  resourceDenial,
  ViolationType,
  type ProjectCheckInput,
  type ProjectViolation,
} from './project';
export { outcomeResult, recordOutcome, resourcesFromResults, resultFor, resultId, resultsFromResources, type TaskOutcome, type TaskResults } from './results';
export { DEFAULT_RETRY_BACKOFF, nextRetryAt, retryDelay, shouldRetry } from './retry';
export {
  applyOptionsFor,
  deleteModeFor,
  DeletionMode,
  NO_SYNC_OPTIONS,
  parseSyncOptions,
  PropagationPolicy,
  pruneLastFor,
  pruneModeFor,
  resourceSyncOptions,
  SyncOptionKey,
  type ApplyOptions,
  type SyncOptions,
} from './sync-options';
export { hookPhaseOf, isTerminating, refreshResult, waitingMessage } from './task-health';
export { compareTasks, sortTasks, TaskAction, taskId, type SyncTask } from './task';
