import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitFixture, type GitFixture } from './git-fixture';
import { startGitServer, type GitServer } from './git-server';

/** What serveTestRepo is asked for. */
export interface ServedRepoOptions {
  /** The scratch folder's name prefix (under the OS temp folder). */
  prefix: string;
  /** The files of the first commit. */
  files: Record<string, string>;
  /** The repository's name: it is `<work>/<name>.git`, served as `<git.url>/<name>.git`. Default `config`. */
  name?: string;
}

/** A throwaway Git repository served over HTTP for a test, in a scratch folder of its own. */
export interface ServedRepo {
  /** The scratch folder: the repository lives in it, and a test may keep other files (a cache, a HOME) there. */
  work: string;
  repo: GitFixture;
  git: GitServer;
  /** The repository's URL. */
  url: string;
  /** Stops the Git server and removes the scratch folder. */
  close(): Promise<void>;
}

/** Makes a scratch folder, a repository in it with `files` committed, and a Git server serving the folder. */
export async function serveTestRepo(options: ServedRepoOptions): Promise<ServedRepo> {
  const name = options.name ?? 'config';
  const work = mkdtempSync(join(tmpdir(), `${options.prefix}-`));
  const repo = createGitFixture(join(work, `${name}.git`));
  repo.commit(options.files);
  const git = await startGitServer({ root: work });
  return {
    work,
    repo,
    git,
    url: `${git.url}/${name}.git`,
    async close() {
      await git.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
