import { normalizeRepoPath, type DirEntry, type EntryType, type SourceFileSystem } from '@fjord/source-fs';

const encoder = new TextEncoder();

/** A SourceFileSystem that serves replaced contents for a few existing files and reads the rest from `base`. */
export class OverlayFileSystem implements SourceFileSystem {
  private readonly overrides: Map<string, Uint8Array>;

  constructor(
    private readonly base: SourceFileSystem,
    overrides: Record<string, string>,
  ) {
    this.overrides = new Map(Object.entries(overrides).map(([p, c]) => [normalizeRepoPath(p), encoder.encode(c)]));
  }

  readFile(path: string): Uint8Array {
    return this.overrides.get(normalizeRepoPath(path)) ?? this.base.readFile(path);
  }

  readText(path: string): string {
    const o = this.overrides.get(normalizeRepoPath(path));
    return o ? new TextDecoder().decode(o) : this.base.readText(path);
  }

  stat(path: string): EntryType | undefined {
    return this.overrides.has(normalizeRepoPath(path)) ? 'file' : this.base.stat(path);
  }

  readDir(path: string): DirEntry[] {
    return this.base.readDir(path);
  }
}
