export { ClusterCache, CLUSTER_CACHE_DEFAULTS, type ClusterCacheStats } from './cluster-cache';
export {
  ChangeType,
  type ApiResourceInfo,
  type CacheLogger,
  type ChangeEvent,
  type ClusterCacheOptions,
  type GroupKind,
  type HealthLike,
  type KubeObject,
  type ResourceKey,
  type TreeNode,
} from './types';
export { DEFAULT_EXCLUSIONS, ANY_KIND } from './exclusions';
export { DEFAULT_TRACKING_ANNOTATION, parseTrackingId, formatTrackingId, trackingApp, type TrackingId } from './tracking';
export { keyId, groupKindId } from './resource-key';
