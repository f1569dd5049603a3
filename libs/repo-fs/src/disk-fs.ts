import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { normalizeRepoPath, ReadBudget, SourceError, type DirEntry, type EntryType, type ReadLimits, type SourceFileSystem } from '@fjord/source-fs';

const decoder = new TextDecoder('utf-8');

/**
 * A SourceFileSystem over the directory `root`. Paths are repository-relative; each is resolved through symlinks
 * and refused with SourceError if its real location is outside `root`. Reads count against `limits`.
 */
export class DiskFileSystem implements SourceFileSystem {
  private readonly realRoot: string;
  private readonly budget: ReadBudget;

  constructor(root: string, limits: Partial<ReadLimits> = {}) {
    this.realRoot = realpathSync(root);
    this.budget = new ReadBudget(limits);
  }

  /** The absolute real path of a repository path, after checking it stays inside the root. */
  private locate(path: string): string | undefined {
    const rel = normalizeRepoPath(path);
    let real: string;
    try {
      real = realpathSync(join(this.realRoot, rel));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT' || (err as NodeJS.ErrnoException).code === 'ENOTDIR') return undefined;
      throw new SourceError(`cannot read: ${(err as Error).message}`, { file: rel || '.' });
    }
    const inside = relative(this.realRoot, real);
    if (inside === '..' || inside.startsWith(`..${sep}`) || inside.startsWith(sep)) {
      throw new SourceError('is a symbolic link that leaves the repository', { file: rel || '.' });
    }
    return real;
  }

  readFile(path: string): Uint8Array {
    const file = normalizeRepoPath(path) || '.';
    const real = this.locate(path);
    if (!real) throw new SourceError('no such file', { file });
    const st = statSync(real);
    if (st.isDirectory()) throw new SourceError('is a directory, not a file', { file });
    if (!st.isFile()) throw new SourceError('is not a regular file', { file });
    this.budget.admit(file, st.size);
    return readFileSync(real);
  }

  readText(path: string): string {
    return decoder.decode(this.readFile(path));
  }

  stat(path: string): EntryType | undefined {
    const real = this.locate(path);
    if (!real) return undefined;
    const st = statSync(real);
    return st.isDirectory() ? 'dir' : st.isFile() ? 'file' : undefined;
  }

  readDir(path: string): DirEntry[] {
    const dir = normalizeRepoPath(path);
    const real = this.locate(path);
    if (!real) throw new SourceError('no such directory', { file: dir || '.' });
    if (!statSync(real).isDirectory()) throw new SourceError('is a file, not a directory', { file: dir || '.' });
    const entries: DirEntry[] = [];
    for (const name of readdirSync(real).sort()) {
      if (dir === '' && name === '.git') continue;
      const type = this.stat(dir ? `${dir}/${name}` : name);
      if (type) entries.push({ name, type });
    }
    return entries;
  }
}
