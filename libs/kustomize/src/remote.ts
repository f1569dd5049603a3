import type { SourceFileSystem } from '@fjord/source-fs';

/** Where a remote base lives once fetched: a file system and the kustomization directory inside it. */
export interface RemoteBase {
  fs: SourceFileSystem;
  /** Directory of the kustomization inside `fs` ('' for its root). */
  path: string;
}

/**
 * Fetches remote bases (`https://host/org/repo//path?ref=v1`, `git@host:org/repo`, `github.com/org/repo/path`).
 * The repo-server provides one backed by its Git cache; the library itself never touches the network.
 */
export interface RemoteResolver {
  resolve(url: string): RemoteBase;
}

/** Whether a `resources` entry is a remote URL rather than a path in the repository. */
export function isRemoteResource(entry: string): boolean {
  return /^[a-z][a-z0-9+.-]*:\/\//i.test(entry) || /^git@[^:]+:/.test(entry) || /^(github\.com|gitlab\.com|bitbucket\.org)\//.test(entry);
}
