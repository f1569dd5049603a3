import type { RepoRefs } from './refs';

/** A revision resolved from the refs alone (no objects needed). */
export interface RefResolution {
  sha: string;
  kind: 'head' | 'branch' | 'tag' | 'sha';
}

/**
 * Resolves `revision` as Argo CD does from ls-remote: '' or HEAD is the remote's HEAD; `refs/heads/x`,
 * `refs/tags/x`, or a bare name (branches before tags); a full 40-hex SHA that is a ref tip. Undefined when the
 * refs do not say (a commit that is not a tip, or an abbreviated SHA: the objects decide).
 */
export function resolveAgainstRefs(refs: RepoRefs, revision: string): RefResolution | undefined {
  const rev = revision.trim();
  if (rev === '' || rev === 'HEAD') return refs.head ? { sha: refs.head, kind: 'head' } : undefined;
  if (rev.startsWith('refs/heads/')) return viaMap(refs.branches, rev.slice(11), 'branch');
  if (rev.startsWith('refs/tags/')) return viaMap(refs.tags, rev.slice(10), 'tag');
  const named = viaMap(refs.branches, rev, 'branch') ?? viaMap(refs.tags, rev, 'tag');
  if (named) return named;
  if (/^[0-9a-f]{40}$/i.test(rev)) {
    const sha = rev.toLowerCase();
    const tips = [...refs.branches.values(), ...refs.tags.values(), refs.head];
    if (tips.includes(sha)) return { sha, kind: 'sha' };
  }
  return undefined;
}

function viaMap(map: Map<string, string>, name: string, kind: 'branch' | 'tag'): RefResolution | undefined {
  const sha = map.get(name);
  return sha ? { sha, kind } : undefined;
}
