import { isDeepStrictEqual } from 'node:util';

/**
 * Lists kyaml merges by a key (field name → the element's key fields, first present wins), as far as the fuzzer's
 * objects have them.
 */
const KEYED_LISTS: Record<string, readonly string[]> = {
  containers: ['name'],
  initContainers: ['name'],
  volumes: ['name'],
  env: ['name'],
  ports: ['port', 'containerPort'],
};

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** A keyed list with an element whose key is missing, empty or repeated: kyaml's associative merge is lossy there. */
function ambiguous(list: unknown[], keys: readonly string[]): boolean {
  const seen = new Set<string>();
  for (const e of list) {
    const k = isObject(e) ? keys.map((f) => e[f]).find((v) => v !== undefined && v !== null && v !== '') : undefined;
    if (k === undefined || seen.has(String(k))) return true;
    seen.add(String(k));
  }
  return false;
}

function hasAmbiguousList(v: unknown): boolean {
  if (Array.isArray(v)) return v.some(hasAmbiguousList);
  if (!isObject(v)) return false;
  return Object.entries(v).some(([k, x]) => (Array.isArray(x) && KEYED_LISTS[k] && ambiguous(x, KEYED_LISTS[k])) || hasAmbiguousList(x));
}

function withoutKeyedLists(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(withoutKeyedLists);
  if (!isObject(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, Array.isArray(x) && KEYED_LISTS[k] ? '(keyed list)' : withoutKeyedLists(x)]));
}

/** A JSON patch path into an element of a keyed list (`/spec/ports/0`, `/volumes/0/name`). */
const INTO_KEYED_ELEMENT = new RegExp(`/(${Object.keys(KEYED_LISTS).join('|')})/(\\d+|-)`);

/**
 * The known difference "a keyed list repeats or lacks a merge key" (libs/kustomize/README.md): a JSON patch of the
 * case writes into a keyed list's element, one side's output has such a list, and the two agree once keyed lists are
 * set aside. kyaml's associative merge collapses duplicates and drops or keeps keyless elements by rules Fjord does
 * not copy. (Only a JSON patch can make such a list here: the drawn resources and merge patches keep keys unique.)
 */
export function onlyAmbiguousListsDiffer(files: Record<string, string | Uint8Array>, want: unknown[], got: unknown[]): boolean {
  if (!Object.values(files).some((f) => typeof f === 'string' && INTO_KEYED_ELEMENT.test(f))) return false;
  if (!hasAmbiguousList(want) && !hasAmbiguousList(got)) return false;
  return isDeepStrictEqual(withoutKeyedLists(want), withoutKeyedLists(got));
}
