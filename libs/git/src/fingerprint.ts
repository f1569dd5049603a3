import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import git, { type TreeEntry } from 'isomorphic-git';

/** A path a render depended on and how: its content (file), its listing (dir), or its absence. */
export interface PathDependency {
  path: string;
  as: 'file' | 'dir' | 'absent';
}

/**
 * A hash of what `deps` were at commit `sha`: each file's blob id, each directory's listing (names and types,
 * not the content below), each absent path's absence. Two commits with the same fingerprint render the same
 * output, so the repo-server can reuse a cached result across commits that touched nothing the app reads.
 * Undefined when a dependency is, or lies below, a symlink: its content then lives elsewhere.
 */
export async function fingerprintPaths(gitdir: string, sha: string, deps: readonly PathDependency[], cache: object = {}): Promise<string | undefined> {
  try {
    return await fingerprint(gitdir, sha, deps, cache);
  } catch (err) {
    if (err === THROUGH_SYMLINK) return undefined;
    throw err;
  }
}

/** Thrown when a dependency is or passes through a symlink: its content is elsewhere, so no fingerprint. */
const THROUGH_SYMLINK = Symbol('through a symlink');
const SYMLINK_MODE = 0o120000;

async function fingerprint(gitdir: string, sha: string, deps: readonly PathDependency[], cache: object): Promise<string> {
  const trees = new Map<string, TreeEntry[] | undefined>();
  const { commit } = await git.readCommit({ fs, gitdir, oid: sha, cache });
  const readTree = async (path: string): Promise<TreeEntry[] | undefined> => {
    if (trees.has(path)) return trees.get(path);
    let entries: TreeEntry[] | undefined;
    if (path === '') entries = (await git.readTree({ fs, gitdir, oid: commit.tree, cache })).tree;
    else {
      const slash = path.lastIndexOf('/');
      const parent = await readTree(slash < 0 ? '' : path.slice(0, slash));
      const entry = parent?.find((e) => e.path === path.slice(slash + 1));
      if (entry && Number.parseInt(entry.mode, 8) === SYMLINK_MODE) throw THROUGH_SYMLINK;
      entries = entry?.type === 'tree' ? (await git.readTree({ fs, gitdir, oid: entry.oid, cache })).tree : undefined;
    }
    trees.set(path, entries);
    return entries;
  };
  const lookup = async (path: string): Promise<TreeEntry | undefined> => {
    const slash = path.lastIndexOf('/');
    const parent = await readTree(slash < 0 ? '' : path.slice(0, slash));
    return parent?.find((e) => e.path === path.slice(slash + 1));
  };
  const hash = createHash('sha256');
  for (const dep of [...deps].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    let state: string;
    if (dep.as === 'dir') {
      const entries = await readTree(dep.path);
      state = entries ? entries.map((e) => `${e.path}:${e.type}`).join('/') : '-';
    } else {
      const entry = dep.path === '' ? undefined : await lookup(dep.path);
      if (entry && Number.parseInt(entry.mode, 8) === SYMLINK_MODE) throw THROUGH_SYMLINK;
      state = entry ? `${entry.type}:${entry.mode}:${entry.oid}` : '-';
    }
    hash.update(`${dep.as} ${dep.path}\0${state}\n`);
  }
  return hash.digest('hex');
}
