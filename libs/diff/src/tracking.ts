import type { KubeObject } from '@fjord/k8s-yaml';
import { clone, isObject } from './json';
import { groupOfApiVersion, metaString } from './resource-key';

/** Annotation that ties a resource to the app that manages it (Argo CD 3's default tracking method). */
export const TRACKING_ANNOTATION = 'argocd.argoproj.io/tracking-id';
/** Annotation that names the Argo CD / Fjord installation that manages a resource, when several share a cluster. */
export const INSTALLATION_ID_ANNOTATION = 'argocd.argoproj.io/installation-id';

/** The parts of a tracking id `<app>:<group>/<kind>:<namespace>/<name>`. */
export interface TrackingId {
  appName: string;
  group: string;
  kind: string;
  namespace: string;
  name: string;
}

/** The app a resource is tracked for: its name (as Argo CD's instance name) and destination namespace. */
export interface TrackingApp {
  name: string;
  /** The app's destination namespace; Argo CD writes it into the ids of objects that have no namespace. */
  destinationNamespace?: string;
  /** Set to write `argocd.argoproj.io/installation-id` too. */
  installationID?: string;
}

/** The tracking id of an object for an app: `<app>:<group>/<kind>:<namespace>/<name>`. */
export function trackingId(appName: string, obj: KubeObject, destinationNamespace = ''): string {
  const namespace = metaString(obj, 'namespace') || destinationNamespace;
  return `${appName}:${groupOfApiVersion(obj.apiVersion)}/${obj.kind ?? ''}:${namespace}/${metaString(obj, 'name')}`;
}

/** Parses a tracking id, or returns undefined when it is not of the form `<app>:<group>/<kind>:<namespace>/<name>`. */
export function parseTrackingId(value: string): TrackingId | undefined {
  const first = value.indexOf(':');
  const second = value.indexOf(':', first + 1);
  if (first < 0 || second < 0) return undefined;
  const gk = value.slice(first + 1, second).split('/');
  const nn = value.slice(second + 1).split('/');
  if (gk.length !== 2 || nn.length !== 2) return undefined;
  return { appName: value.slice(0, first), group: gk[0], kind: gk[1], namespace: nn[0], name: nn[1] };
}

/** Returns a copy of the object with the tracking annotation (and installation id, if given) for the app set. */
export function setTracking(obj: KubeObject, app: string | TrackingApp): KubeObject {
  const { name, destinationNamespace, installationID } = typeof app === 'string' ? { name: app } : app;
  const copy = clone(obj);
  const metadata = (copy.metadata = isObject(copy.metadata) ? copy.metadata : {});
  const annotations = { ...(isObject(metadata.annotations) ? (metadata.annotations as Record<string, string>) : {}) };
  annotations[TRACKING_ANNOTATION] = trackingId(name, obj, destinationNamespace);
  if (installationID) annotations[INSTALLATION_ID_ANNOTATION] = installationID;
  else delete annotations[INSTALLATION_ID_ANNOTATION];
  metadata.annotations = annotations;
  return copy;
}

/** The parsed tracking id on an object, if it has a valid one (and, when given, the matching installation id). */
export function getTracking(obj: KubeObject, installationID?: string): TrackingId | undefined {
  const annotations = isObject(obj.metadata?.annotations) ? (obj.metadata!.annotations as Record<string, string>) : {};
  if (installationID && annotations[INSTALLATION_ID_ANNOTATION] !== installationID) return undefined;
  const value = annotations[TRACKING_ANNOTATION];
  return typeof value === 'string' ? parseTrackingId(value) : undefined;
}

/**
 * Whether a tracking id really refers to this object (Argo CD's "self-referenced" check): an annotation copied onto
 * another object by some controller does not make that object part of the app.
 */
export function refersTo(id: TrackingId, obj: KubeObject): boolean {
  const namespace = metaString(obj, 'namespace');
  return (
    (namespace === id.namespace || namespace === '') && metaString(obj, 'name') === id.name &&
    groupOfApiVersion(obj.apiVersion) === id.group && obj.kind === id.kind
  );
}
