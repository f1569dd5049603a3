import { normalizeRepoPath, ReadBudget, SourceError, type DirEntry, type EntryType, type ReadLimits, type SourceFileSystem } from '@fjord/source-fs';
import type { GitObjectStore } from './object-store';

/** How many symbolic links one lookup follows before giving up, as Linux does (MAXSYMLINKS). */
const MAX_SYMLINKS = 40;
/** Longest symbolic-link target, as Linux allows (PATH_MAX). */
const MAX_LINK_TARGET = 4096;

const decoder = new TextDecoder('utf-8');

type Located = { kind: 'dir' | 'file'; oid: string };

/**
 * A SourceFileSystem over the tree of one commit, read straight from the object store: a render reads the
 * trees on the paths it looks at and the blobs it opens, and nothing else is inflated or written to disk. It
 * behaves as DiskFileSystem over a checkout of the commit: symbolic links are followed while they stay in the
 * repository and refused with SourceError when they leave it (an absolute target, or `..` above the root);
 * submodules are absent; `.git` is not listed at the root; reads count against the same ReadLimits.
 */
export class GitTreeFileSystem implements SourceFileSystem {
  private readonly budget: ReadBudget;

  constructor(
    private readonly store: GitObjectStore,
    private readonly rootTree: string,
    limits: Partial<ReadLimits> = {},
  ) {
    this.budget = new ReadBudget(limits);
  }

  /** The files of commit `sha` in `store`. */
  static atCommit(store: GitObjectStore, sha: string, limits: Partial<ReadLimits> = {}): GitTreeFileSystem {
    return new GitTreeFileSystem(store, store.commitTree(sha), limits);
  }

  readFile(path: string): Uint8Array {
    const file = normalizeRepoPath(path) || '.';
    const found = this.locate(path);
    if (!found) throw new SourceError('no such file', { file });
    if (found.kind === 'dir') throw new SourceError('is a directory, not a file', { file });
    const object = this.store.read(found.oid, (size) => this.budget.admit(file, size));
    if (object.type !== 'blob') throw new SourceError('is not a regular file', { file });
    return object.data;
  }

  readText(path: string): string {
    return decoder.decode(this.readFile(path));
  }

  stat(path: string): EntryType | undefined {
    return this.locate(path)?.kind;
  }

  readDir(path: string): DirEntry[] {
    const dir = normalizeRepoPath(path);
    const found = this.locate(path);
    if (!found) throw new SourceError('no such directory', { file: dir || '.' });
    if (found.kind !== 'dir') throw new SourceError('is a file, not a directory', { file: dir || '.' });
    const tree = this.store.tree(found.oid);
    const entries: DirEntry[] = [];
    for (const name of [...tree.keys()].sort()) {
      if (dir === '' && name === '.git') continue;
      const entry = tree.get(name)!;
      const type =
        entry.kind === 'tree' ? 'dir' : entry.kind === 'file' ? 'file' : entry.kind === 'symlink' ? this.stat(dir ? `${dir}/${name}` : name) : undefined;
      if (type) entries.push({ name, type });
    }
    return entries;
  }

  /**
   * What a repository path is, following symbolic links as realpath(3) does (a target's `..` applies to the
   * directory the link is in). Undefined when nothing is there; SourceError when a link leads out of the
   * repository or links loop.
   */
  private locate(path: string): Located | undefined {
    const rel = normalizeRepoPath(path);
    const file = rel || '.';
    const pending = rel ? rel.split('/').reverse() : [];
    const dirs = [this.rootTree];
    let blob: string | undefined;
    let links = 0;
    while (pending.length > 0) {
      const name = pending.pop()!;
      if (blob !== undefined) return undefined; // a path below a file
      if (name === '' || name === '.') continue;
      if (name === '..') {
        if (dirs.length === 1) throw leaves(file);
        dirs.pop();
        continue;
      }
      const entry = this.store.tree(dirs[dirs.length - 1]).get(name);
      if (!entry || entry.kind === 'submodule') return undefined;
      if (entry.kind === 'tree') dirs.push(entry.oid);
      else if (entry.kind === 'file') blob = entry.oid;
      else {
        if (++links > MAX_SYMLINKS) throw new SourceError('cannot read: too many levels of symbolic links', { file });
        const target = this.linkTarget(entry.oid, file);
        if (target === '') return undefined;
        if (target.startsWith('/')) throw leaves(file);
        pending.push(...target.split('/').reverse());
      }
    }
    return blob !== undefined ? { kind: 'file', oid: blob } : { kind: 'dir', oid: dirs[dirs.length - 1] };
  }

  private linkTarget(oid: string, file: string): string {
    const object = this.store.read(oid, (size) => {
      if (size > MAX_LINK_TARGET) throw new SourceError(`cannot read: a symbolic link target of ${size} bytes is too long`, { file });
    });
    return object.data.toString('utf8');
  }
}

function leaves(file: string): SourceError {
  return new SourceError('is a symbolic link that leaves the repository', { file });
}
