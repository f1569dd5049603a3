import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitFixture, type GitFixture } from '@fjord/devkit';
import { DiskFileSystem } from '@fjord/repo-fs';
import { SourceError, type ReadLimits, type SourceFileSystem } from '@fjord/source-fs';
import { GitTreeFileSystem } from './git-tree-fs';
import { GitObjectStore } from './object-store';

// Given a work tree committed to Git — files, symbolic links that stay inside and links that leave it — a render
// reads the same through GitTreeFileSystem (the commit's objects) as through DiskFileSystem (the files on disk),
// and is refused the same things with the same errors.

let base: string;
let outside: string;
let repo: GitFixture;
let sha: string;

beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'fjord-git-tree-'));
  outside = join(base, 'outside');
  mkdirSync(outside);
  writeFileSync(join(outside, 'secret.txt'), 'root:x:0:0');
  repo = createGitFixture(join(base, 'repo'));
  const at = (p: string) => join(repo.dir, p);
  repo.commit({
    'apps/guestbook/svc.yaml': 'kind: Service',
    'apps/guestbook/empty.yaml': '',
    'big.yaml': 'x'.repeat(2048),
    'order/B.yaml': 'b',
    'order/_u.yaml': 'u',
    'order/a/x.yaml': 'x',
    'order/a-b.yaml': 'ab',
    'loops/ok.yaml': 'ok',
  });
  symlinkSync(join(outside, 'secret.txt'), at('apps/escape.yaml'));
  symlinkSync(outside, at('apps/escape-dir'));
  symlinkSync('guestbook/svc.yaml', at('apps/inside.yaml'));
  mkdirSync(at('escapes'));
  symlinkSync('../../outside/secret.txt', at('escapes/up-and-out.yaml'));
  symlinkSync('../../big.yaml', at('apps/guestbook/up-and-in.yaml'));
  symlinkSync('nope.yaml', at('apps/guestbook/dangling.yaml'));
  symlinkSync('apps/guestbook', at('linked-dir'));
  symlinkSync('loop-b', at('loops/loop-a'));
  symlinkSync('loop-a', at('loops/loop-b'));
  repo.git('add', '--all');
  repo.git('commit', '--quiet', '-m', 'links');
  sha = repo.git('rev-parse', 'HEAD');
});

afterAll(() => rmSync(base, { recursive: true, force: true }));

const gitFs = (limits: Partial<ReadLimits> = {}) => GitTreeFileSystem.atCommit(new GitObjectStore(join(repo.dir, '.git')), sha, limits);
const diskFs = (limits: Partial<ReadLimits> = {}) => new DiskFileSystem(repo.dir, limits);

describe.each([
  ['DiskFileSystem over the work tree', diskFs],
  ['GitTreeFileSystem over the commit', gitFs],
] as [string, (limits?: Partial<ReadLimits>) => SourceFileSystem][])('%s', (_name, open) => {
  it('reads files and lists directories sorted by name, hiding .git', () => {
    const fs = open();
    expect(fs.readText('apps/guestbook/svc.yaml')).toBe('kind: Service');
    expect(fs.readText('apps/guestbook/empty.yaml')).toBe('');
    expect(fs.readDir('').map((e) => e.name)).toEqual(['apps', 'big.yaml', 'escapes', 'linked-dir', 'loops', 'order']);
    expect(fs.readDir('order')).toEqual([
      { name: 'B.yaml', type: 'file' },
      { name: '_u.yaml', type: 'file' },
      { name: 'a', type: 'dir' },
      { name: 'a-b.yaml', type: 'file' },
    ]);
    expect(fs.stat('apps')).toBe('dir');
    expect(fs.stat('big.yaml')).toBe('file');
    expect(fs.stat('/big.yaml')).toBe('file');
    expect(fs.stat('./order/a/')).toBe('dir');
  });

  it('follows symbolic links that stay inside the repository', () => {
    const fs = open();
    expect(fs.readText('apps/inside.yaml')).toBe('kind: Service');
    expect(fs.readText('apps/guestbook/up-and-in.yaml')).toBe('x'.repeat(2048));
    expect(fs.stat('linked-dir')).toBe('dir');
    expect(fs.readText('linked-dir/svc.yaml')).toBe('kind: Service');
    expect(fs.readDir('linked-dir').map((e) => e.name)).toEqual(['empty.yaml', 'svc.yaml', 'up-and-in.yaml']);
  });

  it('refuses symlinks whose target leaves the repository, for files and directories', () => {
    const fs = open();
    expect(() => fs.readFile('apps/escape.yaml')).toThrow('apps/escape.yaml: is a symbolic link that leaves the repository');
    expect(() => fs.readFile('escapes/up-and-out.yaml')).toThrow('escapes/up-and-out.yaml: is a symbolic link that leaves the repository');
    expect(() => fs.stat('apps/escape.yaml')).toThrow(SourceError);
    expect(() => fs.readDir('apps/escape-dir')).toThrow(SourceError);
    expect(() => fs.readFile('apps/escape-dir/secret.txt')).toThrow(/leaves the repository/);
    expect(() => fs.readDir('apps')).toThrow(/apps\/escape(-dir)?(\.yaml)?: is a symbolic link that leaves the repository/);
    expect(() => fs.readDir('escapes')).toThrow('escapes/up-and-out.yaml: is a symbolic link that leaves the repository');
  });

  it('refuses links that loop', () => {
    const fs = open();
    expect(() => fs.readFile('loops/loop-a')).toThrow(/^loops\/loop-a: cannot read: /);
    expect(() => fs.readDir('loops')).toThrow(SourceError);
  });

  it('refuses .. and absolute paths', () => {
    const fs = open();
    expect(() => fs.readFile('../x')).toThrow(/leaves the repository root/);
    expect(() => fs.readFile('apps/../../x')).toThrow(/leaves the repository root/);
    expect(() => fs.stat('..')).toThrow(/leaves the repository root/);
    expect(fs.readText('/apps/../big.yaml')).toBe('x'.repeat(2048));
  });

  it('bounds file size, total bytes and file count', () => {
    expect(() => open({ maxFileBytes: 1024 }).readFile('big.yaml')).toThrow('big.yaml: is 2048 bytes, over the limit of 1024');
    expect(() => open({ maxFileBytes: 1024 }).readFile('apps/guestbook/up-and-in.yaml')).toThrow(/up-and-in.yaml: is 2048 bytes/);
    const counted = open({ maxFiles: 1 });
    counted.readFile('apps/guestbook/svc.yaml');
    expect(() => counted.readFile('apps/guestbook/svc.yaml')).toThrow(/more than 1 files/);
    const total = open({ maxTotalBytes: 2050 });
    total.readFile('big.yaml');
    expect(() => total.readFile('apps/guestbook/svc.yaml')).toThrow(/more than 2050 bytes/);
  });

  it('says what is missing, and what is of the wrong kind', () => {
    const fs = open();
    expect(() => fs.readFile('apps/nope.yaml')).toThrow('apps/nope.yaml: no such file');
    expect(() => fs.readFile('apps/guestbook/dangling.yaml')).toThrow('apps/guestbook/dangling.yaml: no such file');
    expect(() => fs.readFile('big.yaml/x')).toThrow('big.yaml/x: no such file');
    expect(() => fs.readFile('apps')).toThrow('apps: is a directory, not a file');
    expect(() => fs.readFile('')).toThrow('.: is a directory, not a file');
    expect(() => fs.readDir('nope')).toThrow('nope: no such directory');
    expect(() => fs.readDir('big.yaml')).toThrow('big.yaml: is a file, not a directory');
    expect(fs.stat('apps/nope.yaml')).toBeUndefined();
    expect(fs.stat('apps/guestbook/dangling.yaml')).toBeUndefined();
    expect(fs.stat('big.yaml/x')).toBeUndefined();
  });
});

describe('GitTreeFileSystem only', () => {
  it('refuses a link out of the repository even when its target does not exist (on disk that is "no such file")', () => {
    const fixture = createGitFixture(join(base, 'dangling-out'));
    symlinkSync('/nonexistent/fjord', join(fixture.dir, 'abs.yaml'));
    symlinkSync('../../nonexistent', join(fixture.dir, 'rel.yaml'));
    const commit = fixture.commit({ 'ok.yaml': 'ok' });
    const fs = GitTreeFileSystem.atCommit(new GitObjectStore(join(fixture.dir, '.git')), commit);
    expect(() => fs.readFile('abs.yaml')).toThrow('abs.yaml: is a symbolic link that leaves the repository');
    expect(() => fs.readFile('rel.yaml')).toThrow('rel.yaml: is a symbolic link that leaves the repository');
  });

  it('skips submodules, as a checkout does', () => {
    const fixture = createGitFixture(join(base, 'with-submodule'));
    fixture.commit({ 'vendor/readme.md': '#' });
    fixture.git('update-index', '--add', '--cacheinfo', `160000,${sha},vendor/sub`);
    fixture.git('commit', '--quiet', '-m', 'submodule');
    const fs = GitTreeFileSystem.atCommit(new GitObjectStore(join(fixture.dir, '.git')), fixture.git('rev-parse', 'HEAD'));
    expect(fs.readDir('vendor')).toEqual([{ name: 'readme.md', type: 'file' }]);
    expect(fs.stat('vendor/sub')).toBeUndefined();
    expect(() => fs.readFile('vendor/sub')).toThrow('vendor/sub: no such file');
    expect(() => fs.readDir('vendor/sub')).toThrow('vendor/sub: no such directory');
  });

  it('ignores tree entries whose names Git refuses (.., names with a slash), so they can never be reached', () => {
    const fixture = createGitFixture(join(base, 'hostile-names'));
    const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: fixture.dir, input: 'kind: Evil\n' }).toString().trim();
    const entry = (name: string) => Buffer.concat([Buffer.from(`100644 ${name}\0`), Buffer.from(blob, 'hex')]);
    const tree = execFileSync('git', ['hash-object', '-w', '-t', 'tree', '--literally', '--stdin'], {
      cwd: fixture.dir,
      input: Buffer.concat([entry('..'), entry('a/b'), entry('ok.yaml')]),
    })
      .toString()
      .trim();
    const commit = fixture.git('commit-tree', tree, '-m', 'hostile');
    const fs = GitTreeFileSystem.atCommit(new GitObjectStore(join(fixture.dir, '.git')), commit);
    expect(fs.readDir('')).toEqual([{ name: 'ok.yaml', type: 'file' }]);
    expect(fs.stat('a/b')).toBeUndefined();
  });

  it('refuses a symbolic link target longer than a path can be', () => {
    const fixture = createGitFixture(join(base, 'long-link'));
    const blob = execFileSync('git', ['hash-object', '-w', '--stdin'], { cwd: fixture.dir, input: 'a/'.repeat(3000) })
      .toString()
      .trim();
    const tree = execFileSync('git', ['mktree'], { cwd: fixture.dir, input: `120000 blob ${blob}\tlong.yaml\n` })
      .toString()
      .trim();
    const fs = GitTreeFileSystem.atCommit(new GitObjectStore(join(fixture.dir, '.git')), fixture.git('commit-tree', tree, '-m', 'long'));
    expect(() => fs.readFile('long.yaml')).toThrow('long.yaml: cannot read: a symbolic link target of 6000 bytes is too long');
  });

  it('reads the tree of the commit it was opened at, not of later commits', () => {
    const fixture = createGitFixture(join(base, 'history'));
    const first = fixture.commit({ 'a.yaml': 'one' });
    fixture.commit({ 'a.yaml': 'two', 'b.yaml': 'new' });
    const fs = GitTreeFileSystem.atCommit(new GitObjectStore(join(fixture.dir, '.git')), first);
    expect(fs.readText('a.yaml')).toBe('one');
    expect(fs.stat('b.yaml')).toBeUndefined();
  });
});
