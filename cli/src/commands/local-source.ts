import { existsSync, mkdtempSync, realpathSync, statSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { GitRepositories } from '@fjord/git';
import { DiskFileSystem } from '@fjord/repo-fs';
import type { SourceFileSystem } from '@fjord/source-fs';

/** A source opened for rendering: the file system of its repository and the app's path inside it. */
export interface OpenedSource {
  fs: SourceFileSystem;
  path: string;
  /** The commit rendered, when the source came from Git. */
  revision?: string;
}

/**
 * Opens SOURCE as `fjord render` takes it: a Git URL (http(s)://, file://) checked out at `revision`, or a local
 * directory. A local directory inside a Git work tree is read from the work tree's root, so that overlays can
 * reach `../base` as they would in the repository; `path` is then relative to SOURCE.
 */
export async function openSource(source: string, options: { path?: string; revision?: string }): Promise<OpenedSource> {
  const sub = options.path ?? '';
  if (/^(https?|file):\/\//i.test(source) || (options.revision && isGitRepo(source))) {
    const cacheDir = join(homedir(), '.cache', 'fjord', 'cli');
    const git = new GitRepositories({ cacheDir: existsSync(homedir()) ? cacheDir : mkdtempSync(join(tmpdir(), 'fjord-cli-')) });
    const url = /^[a-z]+:\/\//i.test(source) ? source : resolve(source);
    const { sha } = await git.resolveRevision(url, options.revision ?? 'HEAD');
    return { fs: new DiskFileSystem(await git.checkout(url, sha)), path: sub, revision: sha };
  }
  const dir = resolve(source);
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw new Error(`${source}: not a directory, nor an http(s) or file:// Git URL`);
  const real = realpathSync(dir);
  const root = workTreeRoot(real) ?? real;
  const rel = relative(root, real).split(sep).join('/');
  return { fs: new DiskFileSystem(root), path: [rel, sub].filter(Boolean).join('/') };
}

function isGitRepo(dir: string): boolean {
  return existsSync(join(resolve(dir), '.git'));
}

function workTreeRoot(dir: string): string | undefined {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, '.git'))) return d;
    if (dirname(d) === d) return undefined;
  }
}
