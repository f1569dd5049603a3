import type { DirEntry, EntryType, SourceFileSystem } from '@fjord/source-fs';

/** What a render looked at: each path, and whether it was read as a file, listed as a directory, or found absent. */
export type Dependency = { path: string; as: 'file' | 'dir' | 'absent' };

/**
 * Wraps a SourceFileSystem and records every path a render touched. If none of them differs at a new commit, the
 * render's result is the same, so the repo-server can reuse it without rendering.
 */
export class RecordingFileSystem implements SourceFileSystem {
  private readonly seen = new Map<string, Dependency['as']>();

  constructor(private readonly inner: SourceFileSystem) {}

  /** The recorded paths, sorted. */
  dependencies(): Dependency[] {
    return [...this.seen].map(([path, as]) => ({ path, as })).sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  private note(path: string, as: Dependency['as']): void {
    const prev = this.seen.get(path);
    if (prev === undefined || prev === 'absent') this.seen.set(path, as);
  }

  readFile(path: string): Uint8Array {
    try {
      const out = this.inner.readFile(path);
      this.note(path, 'file');
      return out;
    } catch (err) {
      this.note(path, 'absent');
      throw err;
    }
  }

  readText(path: string): string {
    return new TextDecoder().decode(this.readFile(path));
  }

  stat(path: string): EntryType | undefined {
    const type = this.inner.stat(path);
    // A stat that found a file only says it exists; its content matters only if read. A directory's
    // existence is recorded as its listing would be, which is stricter but safe.
    this.note(path, type === undefined ? 'absent' : type === 'dir' ? 'dir' : 'file');
    return type;
  }

  readDir(path: string): DirEntry[] {
    const out = this.inner.readDir(path);
    this.note(path, 'dir');
    return out;
  }
}
