import { posix } from 'node:path';
import { SourceError } from './source-error';

/**
 * Joins `relative` onto the repository-relative directory `base` and normalises it. Refuses absolute paths and
 * anything that would leave the repository root, naming `field` (e.g. `resources[1]`) and `file` in the error.
 */
export function resolveInRepo(base: string, relative: string, context: { file?: string; field?: string } = {}): string {
  if (relative.includes('\0')) throw new SourceError('path contains a NUL byte', context);
  if (posix.isAbsolute(relative) || /^[A-Za-z]:[\\/]/.test(relative)) {
    throw new SourceError(`absolute path "${relative}" is not allowed; paths must be relative to the repository`, context);
  }
  const joined = posix.normalize(posix.join(normalizeRepoPath(base), relative));
  if (joined === '..' || joined.startsWith('../')) {
    throw new SourceError(`path "${relative}" leaves the repository root`, context);
  }
  return joined === '.' ? '' : joined.replace(/\/$/, '');
}

/** Normalises a repository-relative path: no leading `./` or `/`, no trailing `/`, '' for the root. */
export function normalizeRepoPath(path: string): string {
  const n = posix.normalize(path.replace(/^\/+/, '') || '.');
  if (n === '..' || n.startsWith('../')) throw new SourceError(`path "${path}" leaves the repository root`);
  return n === '.' ? '' : n.replace(/\/$/, '');
}
