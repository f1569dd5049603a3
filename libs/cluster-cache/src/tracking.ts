import type { ResourceKey } from './types';

/** The annotation Argo CD 3 and Fjord write on every resource an app manages. */
export const DEFAULT_TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';

/** A parsed tracking id: the app and the resource the id was written for. */
export interface TrackingId {
  app: string;
  key: ResourceKey;
}

/** Parses `<app>:<group>/<kind>:<namespace>/<name>`; undefined when the value is not of that shape. */
export function parseTrackingId(value: unknown): TrackingId | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = value.split(':');
  if (parts.length !== 3 || !parts[0]) return undefined;
  const [app, groupKind, namespaceName] = parts;
  const gkSlash = groupKind.indexOf('/');
  const nnSlash = namespaceName.indexOf('/');
  if (gkSlash < 0 || nnSlash < 0) return undefined;
  const key = {
    group: groupKind.slice(0, gkSlash),
    kind: groupKind.slice(gkSlash + 1),
    namespace: namespaceName.slice(0, nnSlash),
    name: namespaceName.slice(nnSlash + 1),
  };
  if (!key.kind || !key.name) return undefined;
  return { app, key };
}

/** Formats a tracking id, the inverse of {@link parseTrackingId}. */
export function formatTrackingId(app: string, key: ResourceKey): string {
  return `${app}:${key.group}/${key.kind}:${key.namespace}/${key.name}`;
}

/**
 * The app that tracks a live resource, or undefined. The id must name the resource itself: an annotation copied
 * onto another object (a pod template's annotations, a cloned manifest) does not make that object managed. The
 * namespace is compared only for namespaced resources, since ids of cluster-scoped ones may carry the app's
 * destination namespace.
 */
export function trackingApp(annotationValue: unknown, key: ResourceKey, namespaced: boolean): string | undefined {
  const id = parseTrackingId(annotationValue);
  if (!id) return undefined;
  const same =
    id.key.group === key.group && id.key.kind === key.kind && id.key.name === key.name && (!namespaced || id.key.namespace === key.namespace);
  return same ? id.app : undefined;
}
