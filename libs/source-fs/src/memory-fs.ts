import { normalizeRepoPath } from './paths';
import { SourceError } from './source-error';
import type { DirEntry, EntryType, SourceFileSystem } from './source-fs';

const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8', { fatal: false });

/** A SourceFileSystem over an in-memory map of path → content; directories are implied by the paths. */
export class MemoryFileSystem implements SourceFileSystem {
  private readonly files = new Map<string, Uint8Array>();
  private readonly dirs = new Set<string>(['']);

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [path, content] of Object.entries(files)) this.write(path, content);
  }

  /** Adds or replaces a file (and its parent directories). */
  write(path: string, content: string | Uint8Array): this {
    const p = normalizeRepoPath(path);
    this.files.set(p, typeof content === 'string' ? encoder.encode(content) : content);
    const parts = p.split('/');
    for (let i = 1; i < parts.length; i++) this.dirs.add(parts.slice(0, i).join('/'));
    return this;
  }

  readFile(path: string): Uint8Array {
    const p = normalizeRepoPath(path);
    const content = this.files.get(p);
    if (content === undefined) {
      throw new SourceError(this.dirs.has(p) ? 'is a directory, not a file' : 'no such file', { file: p || '.' });
    }
    return content;
  }

  readText(path: string): string {
    return decoder.decode(this.readFile(path));
  }

  stat(path: string): EntryType | undefined {
    const p = normalizeRepoPath(path);
    if (this.files.has(p)) return 'file';
    return this.dirs.has(p) ? 'dir' : undefined;
  }

  readDir(path: string): DirEntry[] {
    const p = normalizeRepoPath(path);
    if (!this.dirs.has(p)) throw new SourceError(this.files.has(p) ? 'is a file, not a directory' : 'no such directory', { file: p || '.' });
    const prefix = p ? `${p}/` : '';
    const entries = new Map<string, EntryType>();
    for (const f of this.files.keys()) {
      if (f.startsWith(prefix) && !f.slice(prefix.length).includes('/')) entries.set(f.slice(prefix.length), 'file');
    }
    for (const d of this.dirs) {
      if (d && d.startsWith(prefix) && !d.slice(prefix.length).includes('/')) entries.set(d.slice(prefix.length), 'dir');
    }
    return [...entries].map(([name, type]) => ({ name, type })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
}
