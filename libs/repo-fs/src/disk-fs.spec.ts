import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SourceError } from '@fjord/source-fs';
import { DiskFileSystem } from './disk-fs';

let root: string;
let outside: string;

beforeAll(() => {
  outside = mkdtempSync(join(tmpdir(), 'fjord-outside-'));
  writeFileSync(join(outside, 'secret.txt'), 'root:x:0:0');
  root = mkdtempSync(join(tmpdir(), 'fjord-repo-'));
  mkdirSync(join(root, 'apps/guestbook'), { recursive: true });
  mkdirSync(join(root, '.git'));
  writeFileSync(join(root, 'apps/guestbook/svc.yaml'), 'kind: Service');
  writeFileSync(join(root, 'big.yaml'), 'x'.repeat(2048));
  symlinkSync(join(outside, 'secret.txt'), join(root, 'apps/escape.yaml'));
  symlinkSync(outside, join(root, 'apps/escape-dir'));
  symlinkSync('guestbook/svc.yaml', join(root, 'apps/inside.yaml'));
});

afterAll(() => {
  rmSync(root, { recursive: true, force: true });
  rmSync(outside, { recursive: true, force: true });
});

describe('DiskFileSystem', () => {
  it('reads files and lists directories of the checkout, hiding .git', () => {
    const fs = new DiskFileSystem(root);
    expect(fs.readText('apps/guestbook/svc.yaml')).toBe('kind: Service');
    expect(fs.readDir('').map((e) => e.name)).toEqual(['apps', 'big.yaml']);
    expect(fs.readText('apps/inside.yaml')).toBe('kind: Service');
  });

  it('refuses symlinks whose target leaves the checkout, for files and directories', () => {
    const fs = new DiskFileSystem(root);
    expect(() => fs.readFile('apps/escape.yaml')).toThrow('apps/escape.yaml: is a symbolic link that leaves the repository');
    expect(() => fs.readDir('apps/escape-dir')).toThrow(SourceError);
    expect(() => fs.readFile('apps/escape-dir/secret.txt')).toThrow(/leaves the repository/);
    expect(() => fs.readDir('apps')).toThrow(/leaves the repository/);
  });

  it('refuses .. and absolute paths', () => {
    const fs = new DiskFileSystem(root);
    expect(() => fs.readFile('../x')).toThrow(/leaves the repository root/);
    expect(() => fs.readFile('apps/../../x')).toThrow(/leaves the repository root/);
  });

  it('bounds file size, total bytes and file count', () => {
    expect(() => new DiskFileSystem(root, { maxFileBytes: 1024 }).readFile('big.yaml')).toThrow('big.yaml: is 2048 bytes, over the limit of 1024');
    const counted = new DiskFileSystem(root, { maxFiles: 1 });
    counted.readFile('apps/guestbook/svc.yaml');
    expect(() => counted.readFile('apps/guestbook/svc.yaml')).toThrow(/more than 1 files/);
    const total = new DiskFileSystem(root, { maxTotalBytes: 2050 });
    total.readFile('big.yaml');
    expect(() => total.readFile('apps/guestbook/svc.yaml')).toThrow(/more than 2050 bytes/);
  });

  it('says what is missing', () => {
    expect(() => new DiskFileSystem(root).readFile('apps/nope.yaml')).toThrow('apps/nope.yaml: no such file');
    expect(new DiskFileSystem(root).stat('apps/nope.yaml')).toBeUndefined();
  });
});
