import { resolveInRepo, SourceError, type SourceFileSystem } from '@fjord/source-fs';

/** Whether files may be read from outside the kustomization's own directory (kustomize's --load-restrictor). */
export type LoadRestriction = 'rootOnly' | 'none';

/** Reads files for one kustomization: paths relative to its directory, confined as kustomize's loader is. */
export class Loader {
  constructor(
    readonly fs: SourceFileSystem,
    /** Repository-relative directory of the kustomization. */
    readonly root: string,
    /** Repository-relative path of the kustomization file, for error messages. */
    readonly file: string,
    readonly restriction: LoadRestriction,
  ) {}

  /** Resolves a path written in the kustomization (`field` names where, for errors). */
  resolve(rel: string, field: string): string {
    return resolveInRepo(this.root, rel, { file: this.file, field });
  }

  /** Reads a file the kustomization refers to, refusing paths outside its directory under `rootOnly`. */
  readFile(rel: string, field: string): Uint8Array {
    const path = this.resolveFile(rel, field);
    return this.fs.readFile(path);
  }

  /** Reads a file as UTF-8 text. */
  readText(rel: string, field: string): string {
    return new TextDecoder().decode(this.readFile(rel, field));
  }

  /** Resolves and checks a file path: it must exist and, under `rootOnly`, be inside the kustomization directory. */
  resolveFile(rel: string, field: string): string {
    const path = this.resolve(rel, field);
    if (this.restriction === 'rootOnly' && this.root && path !== this.root && !path.startsWith(`${this.root}/`)) {
      throw new SourceError(`security; file '${path}' is not in or below '${this.root}'`, { file: this.file, field });
    }
    const type = this.fs.stat(path);
    if (type === undefined) throw new SourceError(`file '${rel}' does not exist`, { file: this.file, field });
    if (type === 'dir') throw new SourceError(`'${rel}' is a directory, not a file`, { file: this.file, field });
    return path;
  }
}
