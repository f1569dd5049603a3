export { aggregateHealth, IGNORE_HEALTHCHECK_ANNOTATION } from './aggregate';
export type { AggregateHealthOptions, AppHealth, AppResource, ResourceHealth } from './aggregate';
export { HEALTH_ORDER, HealthStatusCode, isHealthStatusCode, isWorse, type HealthStatus } from './health-status';
export { HELM_HOOK_ANNOTATION, HOOK_FINALIZER, hasHookFinalizer, hookTypes, isHook, isIgnoredHook, isSkipHook } from './hook';
export { IGNORE_RESTART_POLICY_ANNOTATION } from './pod';
export { getHealthCheck, getResourceHealth, type HealthCheck } from './resource-health';
