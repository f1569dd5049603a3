import { isObject, removeAt, type JsonObject } from './json';
import { canonicalizeQuantities } from './quantity';
import { groupOfApiVersion } from '@fjord/argo';

/** kubectl's client-side apply annotation; never compared, and it may hold Secret values. */
export const LAST_APPLIED_ANNOTATION = 'kubectl.kubernetes.io/last-applied-configuration';

/** Metadata fields the API server owns; they never count as a difference. */
const serverMetadata = [
  'managedFields',
  'resourceVersion',
  'uid',
  'generation',
  'creationTimestamp',
  'selfLink',
  'deletionTimestamp',
  'deletionGracePeriodSeconds',
];

/** Options of the normalisation both sides of a comparison go through. */
export interface NormalizeOptions {
  /** Compare `status` too (off by default: status is the controller's, as in Argo CD 3). */
  compareStatus?: boolean;
  /** Treat the rules of aggregated ClusterRoles as the aggregation controller's, as Argo CD's ignoreAggregatedRoles. */
  ignoreAggregatedRoles?: boolean;
  /** Canonicalise resource quantities (`0.5` → `500m`); used by the built-in normalisation. */
  canonicalQuantities?: boolean;
}

/**
 * Removes what the API server manages (managedFields, resourceVersion, uid, generation, timestamps, status) and the
 * last-applied annotation from an object, in place; normalises Secrets and Roles as Argo CD does.
 */
export function normalizeObject(obj: JsonObject, options: NormalizeOptions = {}): JsonObject {
  const metadata = obj.metadata;
  if (isObject(metadata)) {
    for (const field of serverMetadata) delete metadata[field];
    if (isObject(metadata.annotations)) {
      delete metadata.annotations[LAST_APPLIED_ANNOTATION];
      if (Object.keys(metadata.annotations).length === 0) delete metadata.annotations;
    }
  }
  if (!options.compareStatus) delete obj.status;
  const group = groupOfApiVersion(obj.apiVersion as string | undefined);
  if (group === '' && obj.kind === 'Secret') normalizeSecret(obj);
  if (group === 'rbac.authorization.k8s.io' && (obj.kind === 'Role' || obj.kind === 'ClusterRole')) normalizeRole(obj, options);
  if (options.canonicalQuantities) canonicalizeQuantities(obj);
  return obj;
}

/** Folds `stringData` into base64 `data` (as the API server does) and reads null values as empty, in place. */
export function normalizeSecret(obj: JsonObject): void {
  if (isObject(obj.stringData)) {
    const data = isObject(obj.data) ? obj.data : {};
    for (const [key, value] of Object.entries(obj.stringData)) {
      data[key] = typeof value === 'string' ? Buffer.from(value, 'utf8').toString('base64') : value;
    }
    obj.data = data;
    delete obj.stringData;
  }
  if (isObject(obj.data)) for (const [key, value] of Object.entries(obj.data)) if (value === null) obj.data[key] = '';
}

function normalizeRole(obj: JsonObject, options: NormalizeOptions): void {
  if (options.ignoreAggregatedRoles && isObject(obj.aggregationRule)) obj.rules = null;
  if (Array.isArray(obj.rules) && obj.rules.length === 0) obj.rules = null;
  if (obj.rules === null) removeAt(obj, ['rules']);
}
