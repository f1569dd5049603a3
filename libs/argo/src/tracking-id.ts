import type { ResourceKey } from './resource-key';

/** A parsed tracking id: the app and the resource the id was written for. */
export interface TrackingId {
  app: string;
  key: ResourceKey;
}

/** Formats the tracking id `<app>:<group>/<kind>:<namespace>/<name>` of a resource managed by an app. */
export function formatTrackingId(app: string, key: ResourceKey): string {
  return `${app}:${key.group}/${key.kind}:${key.namespace}/${key.name}`;
}

/**
 * Parses `<app>:<group>/<kind>:<namespace>/<name>` as Argo CD does (exactly three `:`-separated parts, each of the
 * last two exactly two `/`-separated parts), also requiring an app, a kind and a name; undefined for anything else.
 */
export function parseTrackingId(value: unknown): TrackingId | undefined {
  if (typeof value !== 'string') return undefined;
  const parts = value.split(':');
  if (parts.length !== 3) return undefined;
  const [app, groupKind, namespaceName] = parts;
  const gk = groupKind.split('/');
  const nn = namespaceName.split('/');
  if (gk.length !== 2 || nn.length !== 2) return undefined;
  const key = { group: gk[0], kind: gk[1], namespace: nn[0], name: nn[1] };
  if (!app || !key.kind || !key.name) return undefined;
  return { app, key };
}
