import { clone, isObject, type Json, type JsonObject } from './json';
import { itemKey, listKeys } from './list-keys';

/**
 * Predicts the live object after applying `desired` without asking the API server: a strategic-merge-style
 * three-way merge of desired into live (keyed lists merge by key, other lists are replaced, fields absent from the
 * desired state keep their live — possibly defaulted — value, and fields removed since `lastApplied` are removed).
 * This is the built-in normalisation used when no server-side dry-run result is available.
 */
export function predictLive(live: JsonObject, desired: JsonObject, lastApplied?: JsonObject): JsonObject {
  return mergeObject(clone(live), desired, lastApplied);
}

function mergeObject(live: JsonObject, desired: JsonObject, last: Json | undefined): JsonObject {
  const out: JsonObject = live;
  for (const [key, value] of Object.entries(desired)) {
    // null asks for removal (kustomize prints `creationTimestamp: null`); a live null stays, as no patch is needed.
    if (value === null) {
      if (out[key] !== null) delete out[key];
    } else out[key] = mergeValue(key, out[key], value, isObject(last) ? last[key] : undefined);
  }
  if (isObject(last)) {
    for (const key of Object.keys(last)) if (!(key in desired)) delete out[key];
  }
  return out;
}

function mergeValue(field: string, live: Json | undefined, desired: Json, last: Json | undefined): Json {
  if (isObject(desired)) return isObject(live) ? mergeObject(live, desired, last) : clone(desired);
  if (Array.isArray(desired) && Array.isArray(live)) return mergeList(field, live, desired, Array.isArray(last) ? last : undefined);
  return clone(desired);
}

/** Merges a keyed list by key; replaces an atomic one. Desired order first, then live-only items kept. */
function mergeList(field: string, live: Json[], desired: Json[], last: Json[] | undefined): Json[] {
  const keys = listKeys(field, live, desired);
  if (!keys) return clone(desired);
  const liveByKey = new Map(live.map((item) => [itemKey(item, keys), item]));
  const lastByKey = new Map((last ?? []).filter(isObject).map((item) => [itemKey(item, keys), item]));
  const desiredKeys = new Set(desired.map((item) => itemKey(item, keys)));
  const merged = desired.map((item) => {
    const k = itemKey(item, keys);
    const current = liveByKey.get(k);
    return isObject(item) && isObject(current) ? mergeObject(current, item, lastByKey.get(k)) : clone(item);
  });
  const kept = live.filter((item) => {
    const k = itemKey(item, keys);
    return !desiredKeys.has(k) && !lastByKey.has(k);
  });
  return [...merged, ...kept];
}
