import type { KubeObject } from '@fjord/argo';
import { stringify } from 'yaml';

/**
 * Prints objects as multi-document YAML (`---` between documents), keys in their given order. Strings that YAML 1.1
 * would read as something else (yes, on, 0777, timestamps) are quoted, so that kubectl reads back what was printed.
 * A Date (the Kubernetes client's creationTimestamp) is printed as JSON prints it, RFC 3339 in UTC: the YAML 1.1
 * timestamp form would drop the zone, which Go's metav1.Time refuses.
 */
export function stringifyManifests(objects: readonly KubeObject[]): string {
  return objects.map((o) => stringify(o, asJson, { lineWidth: 0, aliasDuplicateObjects: false, version: '1.1', schema: 'yaml-1.1' })).join('---\n');
}

const asJson = (_key: unknown, value: unknown): unknown => (value instanceof Date ? value.toISOString() : value);
