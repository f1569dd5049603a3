import { isObject, type JsonObject } from './json';
import { groupOfApiVersion } from '@fjord/argo';

/** The shortest redaction marker; each further distinct value of the same key gets four more `+`. */
export const REDACTION_MARKER = '++++++++';

/** Options of redaction. */
export interface RedactOptions {
  /** Annotation keys whose values are secret too (Argo CD's `resource.sensitive.mask.annotations`). */
  sensitiveAnnotations?: readonly string[];
}

function isSecret(obj: JsonObject | undefined): boolean {
  return obj !== undefined && groupOfApiVersion(obj.apiVersion as string | undefined) === '' && obj.kind === 'Secret';
}

/** Replaces the values under one map field of each object by markers, same value → same marker, per key. */
function hide(objects: (JsonObject | undefined)[], mapOf: (obj: JsonObject) => JsonObject | undefined, keys?: readonly string[]): void {
  const maps = objects.map((obj) => (obj ? mapOf(obj) : undefined));
  const allKeys = keys ?? [...new Set(maps.flatMap((m) => (m ? Object.keys(m) : [])))];
  for (const key of allKeys) {
    const markers = new Map<string, string>();
    for (const map of maps) {
      if (!map || !(key in map) || map[key] === null) continue;
      const value = typeof map[key] === 'string' ? (map[key] as string) : JSON.stringify(map[key]);
      if (!markers.has(value)) markers.set(value, REDACTION_MARKER + '++++'.repeat(markers.size));
      map[key] = markers.get(value)!;
    }
  }
}

/**
 * Replaces, in place, the `data`/`stringData` values of Secrets (and sensitive annotations of any object) in a
 * desired/live pair by `+` markers as Argo CD does: equal values get equal markers, different values markers of
 * different lengths, so a diff still shows which keys changed without showing any value.
 */
export function redactSecrets(target: JsonObject | undefined, live: JsonObject | undefined, options: RedactOptions = {}): void {
  if (isSecret(target) || isSecret(live)) {
    hide([target, live], (o) => (isObject(o.data) ? o.data : undefined));
    hide([target, live], (o) => (isObject(o.stringData) ? o.stringData : undefined));
  }
  if (options.sensitiveAnnotations?.length) {
    const annotationsOf = (o: JsonObject) => (isObject(o.metadata) && isObject(o.metadata.annotations) ? o.metadata.annotations : undefined);
    hide([target, live], annotationsOf, options.sensitiveAnnotations);
  }
}
