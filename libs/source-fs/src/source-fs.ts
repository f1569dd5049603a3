/** What a path is. */
export type EntryType = 'file' | 'dir';

/** An entry of a directory listing. */
export interface DirEntry {
  name: string;
  type: EntryType;
}

/**
 * Read-only access to one source tree (a repository at a commit). Paths are repository-relative POSIX paths
 * ('' is the root) that callers normalise with `resolveInRepo`; implementations refuse anything outside the root
 * and throw SourceError for a missing file. Synchronous, because renderers walk a tree that is already local.
 */
export interface SourceFileSystem {
  /** The file's bytes. Throws SourceError when missing, a directory, or larger than the implementation allows. */
  readFile(path: string): Uint8Array;
  /** The file decoded as UTF-8. */
  readText(path: string): string;
  /** The entry's type, or undefined when nothing is there. */
  stat(path: string): EntryType | undefined;
  /** The directory's entries, sorted by name. Throws SourceError when it is not a directory. */
  readDir(path: string): DirEntry[];
}
