import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { createGitFixture, type GitFixture } from '@fjord/devkit';
import { NotFoundError } from '@fjord/platform';
import { GitObjectStore } from './object-store';
import { applyDelta, CorruptObjectError, PackFile } from './pack-file';

// Given repositories packed by the real `git` in every way it packs (offset deltas, reference deltas, thin packs
// completed elsewhere, loose objects beside packs), the store reads each object exactly as `git cat-file` does.

jest.setTimeout(60_000);
let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'fjord-object-store-'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A repository whose files change a little in each of `commits` commits, so that packing makes delta chains. */
function historyRepo(name: string, commits = 12): GitFixture {
  const repo = createGitFixture(join(root, name));
  const lines = Array.from({ length: 300 }, (_, i) => `line ${i}: ${'lorem ipsum '.repeat(4)}`);
  for (let c = 0; c < commits; c++) {
    lines[(c * 37) % lines.length] = `changed in commit ${c}`;
    repo.commit({ 'apps/web/deploy.yaml': lines.join('\n'), [`apps/web/c${c % 3}.yaml`]: `commit: ${c}\n`, 'README.md': `# ${c % 2}\n` });
  }
  return repo;
}

/** Every object of the repository with its kind and content, from `git cat-file --batch-all-objects --batch`. */
function allObjects(repo: GitFixture): Map<string, { type: string; data: Buffer }> {
  const out = execFileSync('git', ['cat-file', '--batch-all-objects', '--batch'], { cwd: repo.dir, maxBuffer: 64 << 20 });
  const objects = new Map<string, { type: string; data: Buffer }>();
  for (let p = 0; p < out.length;) {
    const eol = out.indexOf(0x0a, p);
    const [oid, type, size] = out.toString('latin1', p, eol).split(' ');
    objects.set(oid, { type, data: out.subarray(eol + 1, eol + 1 + Number(size)) });
    p = eol + 1 + Number(size) + 1;
  }
  return objects;
}

/** How many objects of the repository's packs are stored as deltas, from `git verify-pack -v`. */
function deltaCount(repo: GitFixture): number {
  const packDir = join(repo.dir, '.git/objects/pack');
  return readdirSync(packDir)
    .filter((n) => n.endsWith('.idx'))
    .flatMap((n) => repo.git('verify-pack', '-v', join(packDir, n)).split('\n'))
    .filter((l) => /^[0-9a-f]{40} (blob|tree|commit|tag) +\d+ \d+ \d+ \d+ [0-9a-f]{40}$/.test(l)).length;
}

function expectSameAsGit(repo: GitFixture): void {
  const store = new GitObjectStore(join(repo.dir, '.git'));
  const objects = allObjects(repo);
  expect(objects.size).toBeGreaterThan(10);
  for (const [oid, want] of objects) {
    const got = store.read(oid);
    expect({ oid, type: got.type, equal: got.data.equals(want.data) }).toEqual({ oid, type: want.type, equal: true });
  }
}

describe('GitObjectStore', () => {
  it('reads loose objects', () => {
    expectSameAsGit(historyRepo('loose', 3));
  });

  it('reads packs with offset deltas', () => {
    const repo = historyRepo('ofs-delta');
    repo.git('repack', '-a', '-d', '-f', '--window=50', '--depth=50', '--quiet');
    expect(deltaCount(repo)).toBeGreaterThan(10);
    expectSameAsGit(repo);
  });

  it('reads packs with reference deltas', () => {
    const repo = historyRepo('ref-delta');
    repo.git('-c', 'repack.useDeltaBaseOffset=false', 'repack', '-a', '-d', '-f', '--window=50', '--depth=50', '--quiet');
    expect(deltaCount(repo)).toBeGreaterThan(10);
    expectSameAsGit(repo);
  });

  it('finds packs and loose objects written after it was first used', () => {
    const repo = historyRepo('incremental', 4);
    repo.git('repack', '-a', '-d', '--quiet');
    const store = new GitObjectStore(join(repo.dir, '.git'));
    const first = repo.git('rev-parse', 'HEAD');
    expect(store.read(first).type).toBe('commit');
    const loose = repo.commit({ 'apps/web/new.yaml': 'kind: New\n' });
    expect(store.commitTree(loose)).toBe(repo.git('rev-parse', `${loose}^{tree}`));
    repo.git('repack', '-d', '--quiet'); // a second pack beside the first; the loose objects are removed
    const packed = repo.commit({ 'apps/web/new.yaml': 'kind: Newer\n' });
    repo.git('repack', '-d', '--quiet');
    expect(store.read(repo.git('rev-parse', `${packed}:apps/web/new.yaml`)).data.toString()).toBe('kind: Newer\n');
  });

  it('reads a thin pack whose delta bases are in another pack (completed by isomorphic-git, as a fetch does)', async () => {
    const source = historyRepo('thin-source', 2);
    const [older, newer] = [source.git('rev-parse', 'HEAD~1'), source.git('rev-parse', 'HEAD')];
    const gitdir = join(root, 'thin-target.git');
    execFileSync('git', ['init', '--quiet', '--bare', gitdir]);
    execFileSync('git', ['index-pack', '--stdin'], {
      cwd: gitdir,
      input: execFileSync('git', ['pack-objects', '--quiet', '--revs', '--stdout'], { cwd: source.dir, input: `${older}\n` }),
    });
    const thin = execFileSync('git', ['pack-objects', '--quiet', '--revs', '--thin', '--stdout'], { cwd: source.dir, input: `${newer}\n^${older}\n` });
    writeFileSync(join(gitdir, 'objects/pack/pack-thin.pack'), thin);
    await git.indexPack({ fs, dir: gitdir, gitdir, filepath: 'objects/pack/pack-thin.pack' });
    const [oldBlob, newBlob] = [older, newer].map((c) => source.git('rev-parse', `${c}:apps/web/deploy.yaml`));
    const pack = PackFile.open(join(gitdir, 'objects/pack/pack-thin.idx'))!;
    expect(pack.find(oldBlob)).toBeUndefined();
    expect((thin[pack.find(newBlob)!] >> 4) & 7).toBe(7); // a reference delta against the blob in the other pack
    const store = new GitObjectStore(gitdir);
    expect(store.read(newBlob).data.equals(execFileSync('git', ['cat-file', 'blob', newBlob], { cwd: source.dir }))).toBe(true);
  });

  it.each([
    ['a whole object', false],
    ['a delta', true],
  ])("shows %s's size before inflating it, so a caller can refuse it", (_what, delta) => {
    const repo = historyRepo(`admit-${delta}`, 4);
    repo.git('repack', '-a', '-d', '-f', '--quiet');
    const packDir = join(repo.dir, '.git/objects/pack');
    const idx = readdirSync(packDir).find((n) => n.endsWith('.idx'))!;
    const sizes = new Map([...allObjects(repo)].map(([oid, o]) => [oid, o.data.length]));
    const blob = repo
      .git('verify-pack', '-v', join(packDir, idx))
      .split('\n')
      .filter((l) => / blob /.test(l) && l.trim().split(/\s+/).length === (delta ? 7 : 5))
      .map((l) => l.split(' ')[0])
      .find((oid) => sizes.get(oid)! > 1000)!;
    const size = sizes.get(blob);
    const store = new GitObjectStore(join(repo.dir, '.git'), { maxObjectBytes: 1000 });
    const seen: number[] = [];
    expect(() =>
      store.read(blob, (n) => {
        seen.push(n);
        throw new Error('refused');
      }),
    ).toThrow('refused');
    expect(seen).toEqual([Number(size)]);
    expect(() => store.read(blob)).toThrow(`an object of ${size} bytes is over the limit of 1000`);
  });

  it('ignores a pack whose index is still being written, and uses it once it is complete', () => {
    const repo = historyRepo('half-written', 2);
    const gitdir = join(root, 'half-written.git');
    execFileSync('git', ['init', '--quiet', '--bare', gitdir]);
    const pack = execFileSync('git', ['pack-objects', '--quiet', '--revs', join(gitdir, 'objects/pack/pack')], { cwd: repo.dir, input: 'HEAD\n' })
      .toString()
      .trim();
    const idxPath = join(gitdir, `objects/pack/pack-${pack}.idx`);
    const idx = fs.readFileSync(idxPath);
    writeFileSync(idxPath, idx.subarray(0, idx.length - 100));
    const store = new GitObjectStore(gitdir);
    const head = repo.git('rev-parse', 'HEAD');
    expect(() => store.read(head)).toThrow(NotFoundError);
    writeFileSync(idxPath, idx);
    expect(store.read(head).type).toBe('commit');
  });

  it('says NOT_FOUND for an object the repository does not have', () => {
    const repo = historyRepo('missing', 1);
    expect(() => new GitObjectStore(join(repo.dir, '.git')).read('0'.repeat(40))).toThrow(NotFoundError);
  });
});

describe('applyDelta', () => {
  // source size 5, target size 7: copy 5 bytes from offset 0, insert "!!"
  const delta = Buffer.from([5, 7, 0x80 | 0x01 | 0x10, 0, 5, 2, 0x21, 0x21]);

  it('copies from the base and inserts literal bytes', () => {
    expect(applyDelta(delta, Buffer.from('hello')).toString()).toBe('hello!!');
  });

  it('refuses a delta that does not fit its base or its declared size', () => {
    expect(() => applyDelta(delta, Buffer.from('hell'))).toThrow(CorruptObjectError);
    expect(() => applyDelta(Buffer.from([5, 9, 0x91, 0, 5]), Buffer.from('hello'))).toThrow(/declares 9/);
    expect(() => applyDelta(Buffer.from([5, 5, 0x91, 3, 5]), Buffer.from('hello'))).toThrow(/copy out of range/);
    expect(() => applyDelta(Buffer.from([5, 5, 0]), Buffer.from('hello'))).toThrow(/reserved instruction/);
  });
});
