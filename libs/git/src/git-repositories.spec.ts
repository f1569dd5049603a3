import { existsSync, mkdtempSync, readFileSync, readlinkSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitFixture, startGitServer, type GitFixture, type GitServer } from '@fjord/devkit';
import { FailedPreconditionError, NotFoundError } from '@fjord/platform';
import { GitRepositories } from './git-repositories';

// Given real repositories served by `git http-backend` (one public, one behind basic auth) and one on disk,
// the Git layer lists refs, fetches, resolves every kind of revision, checks out commits and fingerprints paths.

jest.setTimeout(60_000);
let root: string;
let server: GitServer;
let authServer: GitServer;
let repo: GitFixture;
let first: string;
let second: string;
let cacheDir: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'fjord-git-'));
  repo = createGitFixture(join(root, 'config.git'));
  first = repo.commit({ 'apps/web/svc.yaml': 'kind: Service\n', 'apps/api/cm.yaml': 'kind: ConfigMap\n', 'README.md': '# config\n' }, 'first');
  repo.git('tag', 'v1.0.0');
  repo.git('tag', '-a', 'v1.0.1', '-m', 'annotated');
  repo.git('branch', 'release');
  second = repo.commit({ 'apps/api/cm.yaml': 'kind: ConfigMap\ndata: {a: b}\n' }, 'second: only api changes');
  server = await startGitServer({ root });
  authServer = await startGitServer({ root, auth: { username: 'ci', password: 's3cret' } });
});

afterAll(async () => {
  await server.close();
  await authServer.close();
  rmSync(root, { recursive: true, force: true });
});

beforeEach(() => {
  cacheDir = mkdtempSync(join(tmpdir(), 'fjord-git-cache-'));
});
afterEach(() => rmSync(cacheDir, { recursive: true, force: true }));

describe.each([
  ['over smart HTTP', () => `${server.url}/config.git`, undefined],
  ['over smart HTTP with basic auth', () => `${authServer.url}/config.git`, { username: 'ci', password: 's3cret' }],
  ['from a local path', () => repo.dir, undefined],
  ['from a file:// URL', () => `file://${repo.dir}`, undefined],
])('a repository %s', (_name, url, auth) => {
  it('resolves HEAD, branches, tags (annotated ones peeled), full and short SHAs', async () => {
    const git = new GitRepositories({ cacheDir });
    expect(await git.resolveRevision(url(), 'HEAD', auth)).toEqual({ sha: second, kind: 'head' });
    expect(await git.resolveRevision(url(), '', auth)).toEqual({ sha: second, kind: 'head' });
    expect(await git.resolveRevision(url(), 'main', auth)).toEqual({ sha: second, kind: 'branch' });
    expect(await git.resolveRevision(url(), 'release', auth)).toEqual({ sha: first, kind: 'branch' });
    expect(await git.resolveRevision(url(), 'v1.0.0', auth)).toEqual({ sha: first, kind: 'tag' });
    expect(await git.resolveRevision(url(), 'refs/tags/v1.0.1', auth)).toEqual({ sha: first, kind: 'tag' });
    expect((await git.resolveRevision(url(), first, auth)).sha).toBe(first);
    expect(await git.resolveRevision(url(), second.slice(0, 7), auth)).toEqual({ sha: second, kind: 'sha' });
    await expect(git.resolveRevision(url(), 'no-such-branch', auth)).rejects.toThrow(NotFoundError);
    await expect(git.resolveRevision(url(), 'deadbeef', auth)).rejects.toThrow(/revision "deadbeef" not found/);
  });

  it('checks out a commit as files, and different commits side by side', async () => {
    const git = new GitRepositories({ cacheDir });
    const [a, b] = await Promise.all([git.checkout(url(), first, auth), git.checkout(url(), second, auth)]);
    expect(readFileSync(join(a, 'apps/api/cm.yaml'), 'utf8')).toBe('kind: ConfigMap\n');
    expect(readFileSync(join(b, 'apps/api/cm.yaml'), 'utf8')).toBe('kind: ConfigMap\ndata: {a: b}\n');
    expect(await git.checkout(url(), first, auth)).toBe(a);
  });

  it("reads a commit's files straight from the object store, without a checkout", async () => {
    const git = new GitRepositories({ cacheDir });
    const [a, b] = await Promise.all([git.files(url(), first, auth), git.files(url(), second, auth)]);
    expect(a.readText('apps/api/cm.yaml')).toBe('kind: ConfigMap\n');
    expect(b.readText('apps/api/cm.yaml')).toBe('kind: ConfigMap\ndata: {a: b}\n');
    expect(b.readDir('apps')).toEqual([
      { name: 'api', type: 'dir' },
      { name: 'web', type: 'dir' },
    ]);
    const small = await git.files(url(), first, auth, { maxFileBytes: 4 });
    expect(() => small.readFile('README.md')).toThrow('README.md: is 9 bytes, over the limit of 4');
    expect(existsSync(join(cacheDir, 'checkouts'))).toBe(false);
  });

  it('lists branches and tags', async () => {
    const git = new GitRepositories({ cacheDir });
    expect(await git.listRefNames(url(), auth)).toEqual({ branches: ['main', 'release'], tags: ['v1.0.0', 'v1.0.1'] });
  });
});

describe('fetching and caching', () => {
  it('sees a new commit after the refs cache expires, and fetches it', async () => {
    const git = new GitRepositories({ cacheDir, refsTtlMs: 200 });
    const url = `${server.url}/config.git`;
    expect((await git.resolveRevision(url, 'main')).sha).toBe(second);
    const third = repo.commit({ 'apps/web/svc.yaml': 'kind: Service\nspec: {}\n' }, 'third');
    try {
      expect((await git.resolveRevision(url, 'main')).sha).toBe(second); // cached ls-remote
      await new Promise((r) => setTimeout(r, 300));
      expect((await git.resolveRevision(url, 'main')).sha).toBe(third);
      const dir = await git.checkout(url, third);
      expect(readFileSync(join(dir, 'apps/web/svc.yaml'), 'utf8')).toBe('kind: Service\nspec: {}\n');
      const fetched = repo.commit({ 'apps/web/svc.yaml': 'kind: Service\nspec: {type: NodePort}\n' }, 'fourth');
      expect((await git.files(url, fetched)).readText('apps/web/svc.yaml')).toBe('kind: Service\nspec: {type: NodePort}\n');
      expect((await git.files(url, second)).readText('apps/web/svc.yaml')).toBe('kind: Service\n');
    } finally {
      repo.git('reset', '--quiet', '--hard', second);
    }
  });

  it('shares one ls-remote among concurrent callers', async () => {
    const git = new GitRepositories({ cacheDir });
    const before = server.requests.filter((r) => r.includes('info/refs')).length;
    await Promise.all(Array.from({ length: 10 }, () => git.resolveRevision(`${server.url}/config.git`, 'main')));
    expect(server.requests.filter((r) => r.includes('info/refs')).length - before).toBe(1);
  });

  it('fingerprints paths: equal across commits that did not touch them, different otherwise', async () => {
    const git = new GitRepositories({ cacheDir });
    const url = `${server.url}/config.git`;
    const web = [
      { path: 'apps/web', as: 'dir' as const },
      { path: 'apps/web/svc.yaml', as: 'file' as const },
      { path: 'apps/web/kustomization.yaml', as: 'absent' as const },
    ];
    const api = [{ path: 'apps/api/cm.yaml', as: 'file' as const }];
    expect(await git.fingerprint(url, first, web)).toBe(await git.fingerprint(url, second, web));
    expect(await git.fingerprint(url, first, api)).not.toBe(await git.fingerprint(url, second, api));
  });

  it('keeps at most maxCheckouts commits on disk', async () => {
    const git = new GitRepositories({ cacheDir, maxCheckouts: 1 });
    const a = await git.checkout(repo.dir, first);
    const b = await git.checkout(repo.dir, second);
    expect(existsSync(a)).toBe(false);
    expect(existsSync(b)).toBe(true);
  });
});

describe('bad input', () => {
  it('says NOT_FOUND for a repository that does not exist', async () => {
    const git = new GitRepositories({ cacheDir });
    await expect(git.resolveRevision(`${server.url}/nope.git`, 'HEAD')).rejects.toThrow(NotFoundError);
    await expect(git.files(repo.dir, 'f'.repeat(40))).rejects.toThrow(NotFoundError);
    await expect(git.resolveRevision(join(root, 'nope'), 'HEAD')).rejects.toThrow(NotFoundError);
  });

  it('fails clearly without or with wrong credentials', async () => {
    const git = new GitRepositories({ cacheDir });
    await expect(git.resolveRevision(`${authServer.url}/config.git`, 'HEAD')).rejects.toThrow(FailedPreconditionError);
    await expect(git.resolveRevision(`${authServer.url}/config.git`, 'HEAD', { username: 'ci', password: 'wrong' })).rejects.toThrow(
      /authentication required or credentials rejected/,
    );
  });

  it('refuses SSH URLs and relative paths with a clear message', async () => {
    const git = new GitRepositories({ cacheDir });
    await expect(git.resolveRevision('git@github.com:org/repo.git', 'HEAD')).rejects.toThrow(/SSH URLs are not supported/);
    await expect(git.resolveRevision('relative/path', 'HEAD')).rejects.toThrow(/not an http\(s\) or file:\/\/ URL/);
  });

  it('writes symlinks as symlinks, leaving their judgement to the reader', async () => {
    const evil = createGitFixture(join(root, 'evil.git'));
    evil.git('config', 'core.symlinks', 'true');
    symlinkSync('/etc/passwd', join(evil.dir, 'passwd.yaml'));
    const sha = evil.commit({ 'ok.yaml': 'kind: A\n' });
    const dir = await new GitRepositories({ cacheDir }).checkout(`${server.url}/evil.git`, sha);
    expect(readlinkSync(join(dir, 'passwd.yaml'))).toBe('/etc/passwd');
  });
});
