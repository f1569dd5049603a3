import { createHash } from 'node:crypto';

/**
 * The manifest cache: a string key-value store with a time to live. Redis when `--redis` is set (shared by every
 * repo-server replica and surviving restarts), an in-process LRU otherwise.
 */
export interface ManifestCache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  close(): Promise<void>;
}

/** Bumped when the shape of cached values changes, so old entries are never misread. */
export const CACHE_SCHEMA_VERSION = 'v1';

/**
 * Key schema (documented in services/repo-server/README.md):
 * - `fjord|mfst|v1|<repo>|<commit>|<path>|<options>`: the manifests rendered for an app at one commit.
 * - `fjord|deps|v1|<repo>|<path>|<options>`: the newest render of that app: its commit, the paths it read and their
 *   fingerprint, so that a later commit that changed none of them reuses the manifests without rendering.
 * `<repo>` is a hash of the normalised repository URL, `<options>` a hash of everything besides the files that
 * changes the output (source options, app name, namespace, Kubernetes version, API versions).
 */
export const cacheKeys = {
  manifests: (repo: string, commit: string, path: string, options: string) => `fjord|mfst|${CACHE_SCHEMA_VERSION}|${repo}|${commit}|${path || '.'}|${options}`,
  dependencies: (repo: string, path: string, options: string) => `fjord|deps|${CACHE_SCHEMA_VERSION}|${repo}|${path || '.'}|${options}`,
};

/** A stable hash of a JSON-compatible value (object keys sorted). */
export function stableHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex').slice(0, 32);
}

function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}
