import { GitTreeFileSystem, type GitObjectStore } from '@fjord/git';
import { InputError, NotFoundError, redactUrl } from '@fjord/platform';
import { parseRefValueFile, type RefValueFile } from '@fjord/proto';
import { RecordingFileSystem, renderSource, type Dependency, type Renderer, type RenderRequest, type SourceType } from '@fjord/render';
import { SourceError, type ReadLimits } from '@fjord/source-fs';

/** One render handed to a render process: where the commit's objects are, and what to render. */
export interface RenderJob {
  /** The repository, for messages only. */
  repoURL: string;
  /** The Git directory that holds the commit's objects (already fetched). */
  gitdir: string;
  commit: string;
  /** What to render; `path` is already validated and repository-relative. */
  request: RenderRequest;
  readLimits?: Partial<ReadLimits>;
  /** Largest total size of the rendered manifests (as JSON), in bytes. */
  maxOutputBytes: number;
  /** The repositories that `$<ref>/...` value files name, by ref, each at its commit (objects already fetched). */
  refSources?: Record<string, RefCommit>;
}

/** A ref source's repository at one commit, where its `$<ref>/...` files are read. */
export interface RefCommit {
  /** The repository, for messages only. */
  repoURL: string;
  gitdir: string;
  commit: string;
}

/** What a render produced: each object as JSON, and every path it read (for reuse at later commits). */
export interface RenderedSource {
  sourceType: SourceType;
  manifests: string[];
  dependencies: Dependency[];
}

/**
 * Renders `job` from the commit's objects in `store`: the work a render process does for each request. Throws
 * SourceError/InputError for bad input, NotFoundError when the commit is missing.
 */
export function runRenderJob(job: RenderJob, stores: (gitdir: string) => GitObjectStore, renderers: readonly Renderer[]): RenderedSource {
  const fs = new RecordingFileSystem(commitFiles(stores(job.gitdir), job.repoURL, job.commit, job.readLimits));
  const request = withRefValueFiles(job.request, job.refSources ?? {}, stores, job.readLimits);
  const result = renderSource(fs, request, renderers);
  const manifests = result.objects.map((o) => JSON.stringify(o));
  const bytes = manifests.reduce((n, m) => n + m.length, 0);
  if (bytes > job.maxOutputBytes) {
    throw new InputError(`${job.request.path || '.'}: rendered output is ${bytes} bytes, over the limit of ${job.maxOutputBytes} (--max-manifest-bytes)`);
  }
  return { sourceType: result.sourceType, manifests, dependencies: fs.dependencies() };
}

function commitFiles(store: GitObjectStore, repoURL: string, commit: string, readLimits: Partial<ReadLimits> | undefined): GitTreeFileSystem {
  try {
    return GitTreeFileSystem.atCommit(store, commit, readLimits);
  } catch (err) {
    if (err instanceof NotFoundError) throw new NotFoundError(`failed to read commit ${commit.slice(0, 12)} of ${repoURL}: ${err.message}`, { cause: err });
    throw err;
  }
}

/**
 * The request with the text of each `$<ref>/<path>` value file read from its ref source's commit (Helm's
 * `externalValueFiles`, merged in the order of `valueFiles`). The path stays inside that repository: `..`, absolute
 * paths and symbolic links that lead out are refused with an error naming the value file; a missing file is an error
 * unless `ignoreMissingValueFiles`, when it is left out as Helm leaves out a missing local one.
 */
function withRefValueFiles(
  request: RenderRequest,
  refs: Record<string, RefCommit>,
  stores: (gitdir: string) => GitObjectStore,
  readLimits: Partial<ReadLimits> | undefined,
): RenderRequest {
  const helm = request.helm;
  const files = Array.isArray(helm?.valueFiles) ? (helm.valueFiles as string[]) : [];
  if (!helm || !files.some((f) => f.startsWith('$'))) return request;
  const external: Record<string, string> = {};
  const kept: string[] = [];
  files.forEach((file, i) => {
    const named = refValueFile(file, i);
    if (!named) return kept.push(file);
    const ref = refs[named.ref];
    if (!ref) throw new InputError(`helm.valueFiles[${i}]: $${named.ref} refers to no source with ref "${named.ref}"`);
    const text = readRefFile(commitFiles(stores(ref.gitdir), ref.repoURL, ref.commit, readLimits), named.path, file, i);
    if (text === undefined && helm.ignoreMissingValueFiles === true) return;
    if (text === undefined) throw new InputError(`helm.valueFiles[${i}]: ${file}: no such file in ${redactUrl(ref.repoURL)} at ${ref.commit.slice(0, 12)}`);
    external[file] = text;
    kept.push(file);
  });
  return { ...request, helm: { ...helm, valueFiles: kept, externalValueFiles: external } };
}

/** A value file as a `$<ref>/<path>` reference (undefined for the source's own files); InputError naming it if hostile. */
function refValueFile(file: string, index: number): RefValueFile | undefined {
  try {
    return parseRefValueFile(file);
  } catch (err) {
    throw new InputError(`helm.valueFiles[${index}]: ${(err as Error).message}`);
  }
}

/** The text of `path` in a ref source's commit, undefined when there is no such file; errors name the value file. */
function readRefFile(files: GitTreeFileSystem, path: string, file: string, index: number): string | undefined {
  try {
    const type = files.stat(path);
    if (type === undefined) return undefined;
    if (type !== 'file') throw new SourceError('is not a file');
    return files.readText(path);
  } catch (err) {
    if (err instanceof SourceError) throw new InputError(`helm.valueFiles[${index}]: ${file}: ${err.message}`, { cause: err });
    throw err;
  }
}
