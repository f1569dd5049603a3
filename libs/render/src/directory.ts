import { compileGlob, GlobDialect } from '@fjord/argo';
import { ManifestError, parseManifests, type KubeObject } from '@fjord/k8s-yaml';
import { SourceError, type SourceFileSystem } from '@fjord/source-fs';

/** Options of a plain-directory source (Application `spec.source.directory`). */
export interface DirectoryOptions {
  recurse?: boolean;
  include?: string;
  exclude?: string;
}

const MANIFEST_FILE = /\.(ya?ml|json)$/;

/**
 * Reads every manifest file of a plain directory, in path order (subdirectories when `recurse`), and returns the
 * objects they declare. Files that are not .yaml/.yml/.json are ignored; globs match the path relative to `path`.
 * A file that does not parse, or an object without apiVersion, kind or name, is a SourceError naming the file.
 */
export function renderDirectory(fs: SourceFileSystem, path: string, options: DirectoryOptions = {}): KubeObject[] {
  if (fs.stat(path) !== 'dir') throw new SourceError('app path does not exist or is not a directory', { file: path || '.' });
  const include = globOption(options.include, 'directory.include');
  const exclude = globOption(options.exclude, 'directory.exclude');
  const objects: KubeObject[] = [];
  const walk = (dir: string, rel: string) => {
    for (const entry of fs.readDir(dir)) {
      const full = dir ? `${dir}/${entry.name}` : entry.name;
      const relPath = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.type === 'dir') {
        if (options.recurse) walk(full, relPath);
        continue;
      }
      if (entry.name.endsWith('.jsonnet') || entry.name.endsWith('.libsonnet')) {
        if (include && !include.test(relPath)) continue;
        if (exclude?.test(relPath)) continue;
        throw new SourceError('Jsonnet sources are not supported by Fjord', { file: full });
      }
      if (!MANIFEST_FILE.test(entry.name)) continue;
      if (exclude?.test(relPath)) continue;
      if (include && !include.test(relPath)) continue;
      objects.push(...readManifestFile(fs, full));
    }
  };
  walk(path, '');
  return objects;
}

function globOption(pattern: string | undefined, field: string): RegExp | undefined {
  if (!pattern) return undefined;
  try {
    return compileGlob(pattern, GlobDialect.Directory);
  } catch (err) {
    throw new SourceError((err as Error).message, { field });
  }
}

/** Parses one manifest file and checks each object is something the API server can take. */
export function readManifestFile(fs: SourceFileSystem, file: string): KubeObject[] {
  let objects: KubeObject[];
  try {
    objects = parseManifests(fs.readText(file), file);
  } catch (err) {
    if (err instanceof ManifestError) throw new SourceError(err.detail, { file, line: err.line, column: err.column });
    throw err;
  }
  objects.forEach((obj, i) => {
    const where = objects.length > 1 ? `document ${i + 1}: ` : '';
    if (typeof obj.apiVersion !== 'string' || !obj.apiVersion) throw new SourceError(`${where}apiVersion is missing`, { file });
    if (typeof obj.kind !== 'string' || !obj.kind) throw new SourceError(`${where}kind is missing`, { file });
    const meta = obj.metadata;
    if (!meta || typeof meta !== 'object' || (!meta.name && !meta.generateName)) {
      throw new SourceError(`${where}${obj.kind} has no metadata.name`, { file });
    }
  });
  return objects;
}
