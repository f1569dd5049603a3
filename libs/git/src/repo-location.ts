import { createHash } from 'node:crypto';
import { existsSync, statSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { InputError, NotFoundError, redactUrl } from '@fjord/platform';

/** Where a repository lives: on a Git server (fetched into the cache) or on this machine (read in place). */
export type RepoLocation = { kind: 'remote'; url: string; key: string } | { kind: 'local'; url: string; key: string; gitdir: string };

/** A repository URL normalised for comparisons and cache keys: lower-case scheme and host, no trailing `/` or `.git`. */
export function normalizeRepoURL(repoURL: string): string {
  const trimmed = repoURL
    .trim()
    .replace(/\/+$/, '')
    .replace(/\.git$/, '');
  const m = /^([a-z][a-z0-9+.-]*):\/\/([^/]*)(.*)$/i.exec(trimmed);
  if (!m) return trimmed;
  const host = m[2].replace(/^[^@]*@/, '').toLowerCase();
  return `${m[1].toLowerCase()}://${host}${m[3]}`;
}

/**
 * Whether `repoURL` names a repository on this machine (`file://` or an absolute path) rather than on a Git server.
 * Looks at the text only, so a caller can refuse local repositories before anything on disk is touched.
 */
export function isLocalRepoURL(repoURL: string): boolean {
  return /^file:\/\//i.test(repoURL) || (!/^[a-z][a-z0-9+.-]*:\/\//i.test(repoURL) && isAbsolute(repoURL));
}

/** Resolves a `repoURL` to where its objects are. Refuses URLs Fjord cannot read (ssh, unknown schemes). */
export function locateRepo(repoURL: string): RepoLocation {
  if (!repoURL) throw new InputError('repoURL is empty');
  const key = createHash('sha256').update(normalizeRepoURL(repoURL)).digest('hex').slice(0, 24);
  if (/^https?:\/\//i.test(repoURL)) return { kind: 'remote', url: repoURL, key };
  let path: string;
  if (/^file:\/\//i.test(repoURL)) path = fileURLToPath(repoURL);
  else if (isAbsolute(repoURL)) path = repoURL;
  else if (/^(ssh:\/\/|git@|[\w.-]+@[\w.-]+:)/.test(repoURL)) {
    throw new InputError(`repository ${redactUrl(repoURL)}: SSH URLs are not supported yet; use https:// with a username and token`);
  } else throw new InputError(`repository ${redactUrl(repoURL)}: not an http(s) or file:// URL, nor an absolute path`);
  return { kind: 'local', url: repoURL, key, gitdir: findGitdir(path, repoURL) };
}

function findGitdir(path: string, repoURL: string): string {
  if (existsSync(join(path, '.git')) && statSync(join(path, '.git')).isDirectory()) return join(path, '.git');
  if (existsSync(join(path, 'HEAD')) && existsSync(join(path, 'objects'))) return path;
  throw new NotFoundError(`repository ${redactUrl(repoURL)} not found: ${path} is not a Git repository`);
}
