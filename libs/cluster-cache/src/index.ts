export { ClusterCache, CLUSTER_CACHE_DEFAULTS, type ClusterCacheStats } from './cluster-cache';
export { ChangeType, type ApiResourceInfo, type CacheLogger, type ChangeEvent, type ClusterCacheOptions, type GroupKind, type TreeNode } from './types';
export { DEFAULT_EXCLUSIONS, ANY_KIND } from './exclusions';
// The controller's in-memory cluster still imports the tracking annotation under its old name.
export { TRACKING_ANNOTATION as DEFAULT_TRACKING_ANNOTATION } from '@fjord/argo';
export { trackingApp } from './tracking';
export { groupKindId } from './resource-key';
