export { ClusterCache, CLUSTER_CACHE_DEFAULTS, type ClusterCacheStats } from './cluster-cache';
export { ChangeType, type ApiResourceInfo, type CacheLogger, type ChangeEvent, type ClusterCacheOptions, type GroupKind, type TreeNode } from './types';
export { DEFAULT_EXCLUSIONS, ANY_KIND } from './exclusions';
export { trackingApp } from './tracking';
export { groupKindId } from './resource-key';
