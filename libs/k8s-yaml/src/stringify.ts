import type { KubeObject } from '@fjord/argo';
import { stringify } from 'yaml';

/**
 * Prints objects as multi-document YAML (`---` between documents), keys in their given order. Strings that YAML 1.1
 * would read as something else (yes, on, 0777) are quoted, so that kubectl reads back what was printed.
 */
export function stringifyManifests(objects: readonly KubeObject[]): string {
  return objects.map((o) => stringify(o, { lineWidth: 0, aliasDuplicateObjects: false, version: '1.1', schema: 'yaml-1.1' })).join('---\n');
}
