/**
 * The Application vocabulary the controller uses, defined once in @fjord/argo (issue 16); this module keeps the
 * controller's imports stable.
 */
export {
  appKey,
  ConditionType,
  REFRESH_ANNOTATION,
  RefreshType,
  SyncStatus,
  TRACEPARENT_ANNOTATION,
  type Application,
  type ApplicationSource,
  type ApplicationSpec,
  type ApplicationStatus,
  type ResourceStatus,
} from '@fjord/argo';
