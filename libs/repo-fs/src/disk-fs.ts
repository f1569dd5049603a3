import { readdirSync, readFileSync, realpathSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { normalizeRepoPath, SourceError, type DirEntry, type EntryType, type SourceFileSystem } from '@fjord/source-fs';

/** Bounds on what one render may read. */
export interface DiskLimits {
  /** Largest single file, in bytes. */
  maxFileBytes: number;
  /** Largest total of bytes read through this instance. */
  maxTotalBytes: number;
  /** Most files read through this instance. */
  maxFiles: number;
}

/** Defaults: 10 MiB a file, 256 MiB and 20,000 files in all. */
export const DEFAULT_DISK_LIMITS: DiskLimits = { maxFileBytes: 10 << 20, maxTotalBytes: 256 << 20, maxFiles: 20_000 };

const decoder = new TextDecoder('utf-8');

/**
 * A SourceFileSystem over the directory `root`. Paths are repository-relative; each is resolved through symlinks
 * and refused with SourceError if its real location is outside `root`. Reads count against `limits`.
 */
export class DiskFileSystem implements SourceFileSystem {
  private readonly realRoot: string;
  private readonly limits: DiskLimits;
  private bytesRead = 0;
  private filesRead = 0;

  constructor(root: string, limits: Partial<DiskLimits> = {}) {
    this.realRoot = realpathSync(root);
    this.limits = { ...DEFAULT_DISK_LIMITS, ...limits };
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
    if (st.size > this.limits.maxFileBytes) {
      throw new SourceError(`is ${st.size} bytes, over the limit of ${this.limits.maxFileBytes}`, { file });
    }
    if (++this.filesRead > this.limits.maxFiles) {
      throw new SourceError(`reading more than ${this.limits.maxFiles} files from one source is not allowed`, { file });
    }
    this.bytesRead += st.size;
    if (this.bytesRead > this.limits.maxTotalBytes) {
      throw new SourceError(`reading more than ${this.limits.maxTotalBytes} bytes from one source is not allowed`, { file });
    }
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
