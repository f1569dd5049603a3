import { MemoryFileSystem, resolveInRepo, SourceError } from './index';

describe('resolveInRepo', () => {
  it('joins and normalises repository-relative paths', () => {
    expect(resolveInRepo('overlays/prod', '../../base')).toBe('base');
    expect(resolveInRepo('', './a/b/')).toBe('a/b');
    expect(resolveInRepo('apps', '.')).toBe('apps');
  });

  it.each([['../x'], ['a/../../x'], ['/etc/passwd'], ['C:\\windows'], ['a\0b']])('refuses %p', (p) => {
    expect(() => resolveInRepo('', p, { file: 'kustomization.yaml', field: 'resources[0]' })).toThrow(SourceError);
  });

  it('names the file and field in the error', () => {
    expect(() => resolveInRepo('base', '../../etc', { file: 'base/kustomization.yaml', field: 'resources[2]' })).toThrow(
      'base/kustomization.yaml: resources[2]: path "../../etc" leaves the repository root',
    );
  });
});

describe('MemoryFileSystem', () => {
  const fs = new MemoryFileSystem({ 'base/kustomization.yaml': 'resources: [a.yaml]', 'base/a.yaml': 'kind: A', 'README.md': '#' });

  it('reads files and lists directories sorted, with implied directories', () => {
    expect(fs.readText('base/a.yaml')).toBe('kind: A');
    expect(fs.readDir('')).toEqual([
      { name: 'README.md', type: 'file' },
      { name: 'base', type: 'dir' },
    ]);
    expect(fs.stat('base')).toBe('dir');
    expect(fs.stat('nope')).toBeUndefined();
  });

  it('raises SourceError naming the path for missing files and wrong types', () => {
    expect(() => fs.readFile('base/b.yaml')).toThrow('base/b.yaml: no such file');
    expect(() => fs.readFile('base')).toThrow('base: is a directory, not a file');
    expect(() => fs.readDir('README.md')).toThrow('README.md: is a file, not a directory');
  });
});
