import { formatTrackingId, groupOfApiVersion, INSTALLATION_ID_ANNOTATION, parseTrackingId, TRACKING_ANNOTATION, type TrackingId } from '@fjord/argo';
import type { KubeObject } from '@fjord/k8s-yaml';
import { clone, isObject } from './json';
import { metaString } from './resource-key';

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
  return formatTrackingId(appName, { group: groupOfApiVersion(obj.apiVersion), kind: obj.kind ?? '', namespace, name: metaString(obj, 'name') });
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
  return parseTrackingId(annotations[TRACKING_ANNOTATION]);
}

/**
 * Whether a tracking id really refers to this object (Argo CD's "self-referenced" check): an annotation copied onto
 * another object by some controller does not make that object part of the app.
 */
export function refersTo({ key }: TrackingId, obj: KubeObject): boolean {
  const namespace = metaString(obj, 'namespace');
  return (
    (namespace === key.namespace || namespace === '') &&
    metaString(obj, 'name') === key.name &&
    groupOfApiVersion(obj.apiVersion) === key.group &&
    obj.kind === key.kind
  );
}
