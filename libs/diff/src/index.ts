export { appSyncStatus, diffResources, type DiffResourcesOptions, type ResourceDiff } from './diff-resources';
export { compareResource, FJORD_MANAGER, type CompareOptions, type ResourceComparison } from './compare-resource';
export { attributeDrift, describeDrift, type DriftedField, type FieldManagerRef } from './drift';
export { FieldChange, fieldDifferences, type FieldDifference } from './field-diff';
export {
  applyIgnoreDifferences,
  compileIgnoreDifferences,
  IgnoreDifferencesError,
  ignoredPaths,
  keepIgnoredFields,
  type CompiledIgnoreDifferences,
} from './ignore-differences';
export { compileJqPath, jqDelete, jqPaths, type JqPathExpression } from './jq';
export { JqSyntaxError } from './jq-parse';
export type { Json, JsonObject, JsonPath } from './json';
export { managedFieldsOf, resolveManagedFields, type ManagedFieldsEntry, type OwnedFields } from './managed-fields';
export { predictLive } from './merge';
export { LAST_APPLIED_ANNOTATION, normalizeObject, type NormalizeOptions } from './normalize';
export { canonicalQuantity } from './quantity';
export { REDACTION_MARKER, redactSecrets, type RedactOptions } from './redact';
export { defaultIsNamespaced, resourceKeyOf, type IsNamespaced } from './resource-key';
export { IGNORE_EXTRANEOUS } from './sync-status';
export { getTracking, refersTo, setTracking, trackingId, type TrackingApp } from './tracking';
export { unifiedDiff } from './unified-diff';
