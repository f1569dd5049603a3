import { parseTrackingId, type ResourceKey } from '@fjord/argo';

/**
 * The app that tracks a live resource, or undefined. The id must name the resource itself: an annotation copied
 * onto another object (a pod template's annotations, a cloned manifest) does not make that object managed. The
 * namespace is compared only for namespaced resources, since ids of cluster-scoped ones may carry the app's
 * destination namespace.
 */
export function trackingApp(annotationValue: unknown, key: ResourceKey, namespaced: boolean): string | undefined {
  const id = parseTrackingId(annotationValue);
  if (!id) return undefined;
  const same = id.key.group === key.group && id.key.kind === key.kind && id.key.name === key.name && (!namespaced || id.key.namespace === key.namespace);
  return same ? id.app : undefined;
}
