import * as fs from 'node:fs';
import git from 'isomorphic-git';
import http from 'isomorphic-git/http/node';
import type { RepoLocation } from './repo-location';

/** Credentials for an http(s) repository. */
export interface GitAuth {
  username?: string;
  password?: string;
}

/** A repository's refs, as ls-remote lists them: tags peeled to the commits they point at. */
export interface RepoRefs {
  /** The commit HEAD points at, and the branch it names. */
  head?: string;
  headBranch?: string;
  branches: Map<string, string>;
  tags: Map<string, string>;
}

/** The onAuth/onAuthFailure pair for isomorphic-git: offer the credentials once, never prompt. */
export function authCallbacks(auth?: GitAuth) {
  return {
    onAuth: () => (auth?.username || auth?.password ? { username: auth.username ?? '', password: auth.password ?? '' } : { cancel: true }),
    onAuthFailure: () => ({ cancel: true }),
  };
}

/** Lists the refs of a repository: over the wire for a remote, from its own refs for a local one. */
export async function listRefs(location: RepoLocation, auth?: GitAuth): Promise<RepoRefs> {
  return location.kind === 'remote' ? listRemoteRefs(location.url, auth) : listLocalRefs(location.gitdir);
}

async function listRemoteRefs(url: string, auth?: GitAuth): Promise<RepoRefs> {
  const refs = await git.listServerRefs({ http, url, symrefs: true, peelTags: true, ...authCallbacks(auth) });
  const out: RepoRefs = { branches: new Map(), tags: new Map() };
  for (const r of refs) {
    if (r.ref === 'HEAD') {
      out.head = r.oid;
      if (r.target?.startsWith('refs/heads/')) out.headBranch = r.target.slice('refs/heads/'.length);
    } else if (r.ref.startsWith('refs/heads/')) out.branches.set(r.ref.slice(11), r.oid);
    else if (r.ref.startsWith('refs/tags/')) out.tags.set(r.ref.slice(10), r.peeled ?? r.oid);
  }
  return out;
}

async function listLocalRefs(gitdir: string): Promise<RepoRefs> {
  const out: RepoRefs = { branches: new Map(), tags: new Map() };
  for (const b of await git.listBranches({ fs, gitdir })) out.branches.set(b, await git.resolveRef({ fs, gitdir, ref: `refs/heads/${b}` }));
  for (const t of await git.listTags({ fs, gitdir })) {
    const oid = await git.resolveRef({ fs, gitdir, ref: `refs/tags/${t}` });
    out.tags.set(t, await peel(gitdir, oid));
  }
  try {
    out.head = await git.resolveRef({ fs, gitdir, ref: 'HEAD' });
    const target = await git.resolveRef({ fs, gitdir, ref: 'HEAD', depth: 2 });
    if (target.startsWith('refs/heads/')) out.headBranch = target.slice(11);
  } catch {
    // an empty repository has no HEAD commit
  }
  return out;
}

async function peel(gitdir: string, oid: string): Promise<string> {
  const obj = await git.readObject({ fs, gitdir, oid, format: 'parsed' });
  return obj.type === 'tag' ? peel(gitdir, (obj.object as { object: string }).object) : oid;
}
