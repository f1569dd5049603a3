import { GitTreeFileSystem, type GitObjectStore } from '@fjord/git';
import { InputError, NotFoundError } from '@fjord/platform';
import { RecordingFileSystem, renderSource, type Dependency, type Renderer, type RenderRequest, type SourceType } from '@fjord/render';
import type { ReadLimits } from '@fjord/source-fs';

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
export function runRenderJob(job: RenderJob, store: GitObjectStore, renderers: readonly Renderer[]): RenderedSource {
  let files: GitTreeFileSystem;
  try {
    files = GitTreeFileSystem.atCommit(store, job.commit, job.readLimits);
  } catch (err) {
    if (err instanceof NotFoundError) throw new NotFoundError(`failed to read commit ${job.commit.slice(0, 12)} of ${job.repoURL}: ${err.message}`, { cause: err });
    throw err;
  }
  const fs = new RecordingFileSystem(files);
  const result = renderSource(fs, job.request, renderers);
  const manifests = result.objects.map((o) => JSON.stringify(o));
  const bytes = manifests.reduce((n, m) => n + m.length, 0);
  if (bytes > job.maxOutputBytes) {
    throw new InputError(`${job.request.path || '.'}: rendered output is ${bytes} bytes, over the limit of ${job.maxOutputBytes} (--max-manifest-bytes)`);
  }
  return { sourceType: result.sourceType, manifests, dependencies: fs.dependencies() };
}
