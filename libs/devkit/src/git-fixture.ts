import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A Git repository made with the real `git` CLI for a test: a work tree under `dir`, branch `main`. */
export interface GitFixture {
  dir: string;
  /** Writes (string) or deletes (null) files, commits them, and returns the new commit's SHA. */
  commit(files: Record<string, string | null>, message?: string): string;
  /** Runs a git command in the repository and returns its trimmed output. */
  git(...args: string[]): string;
}

/** Creates a repository at `dir` (its parent must exist), so that a GitServer rooted at the parent serves it. */
export function createGitFixture(dir: string): GitFixture {
  mkdirSync(dir, { recursive: true });
  const git = (...args: string[]) =>
    execFileSync('git', args, {
      cwd: dir,
      encoding: 'utf8',
      env: {
        ...process.env,
        GIT_AUTHOR_NAME: 'Fjord Test',
        GIT_AUTHOR_EMAIL: 'test@fjord.invalid',
        GIT_COMMITTER_NAME: 'Fjord Test',
        GIT_COMMITTER_EMAIL: 'test@fjord.invalid',
      },
    }).trim();
  git('init', '--quiet', '--initial-branch=main');
  git('config', 'http.receivepack', 'true');
  return {
    dir,
    git,
    commit(files, message = 'update') {
      for (const [path, content] of Object.entries(files)) {
        const full = join(dir, path);
        if (content === null) rmSync(full, { recursive: true, force: true });
        else {
          mkdirSync(dirname(full), { recursive: true });
          writeFileSync(full, content);
        }
      }
      git('add', '--all');
      git('commit', '--quiet', '--allow-empty', '-m', message);
      return git('rev-parse', 'HEAD');
    },
  };
}
