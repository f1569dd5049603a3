import { compileGlob } from './glob';

describe('compileGlob (Argo CD directory include/exclude)', () => {
  it.each([
    ['*.yaml', 'a.yaml', true],
    ['*.yaml', 'sub/a.yaml', true], // no separators: * crosses /
    ['*.yaml', 'a.yml', false],
    ['{a.yaml,b.yaml}', 'b.yaml', true],
    ['{a.yaml,b.yaml}', 'c.yaml', false],
    ['*.{yaml,json}', 'x.json', true],
    ['config/?.yaml', 'config/1.yaml', true],
    ['config/?.yaml', 'config/12.yaml', false],
    ['[ab]*.yaml', 'b-list.yaml', true],
    ['[!ab]*.yaml', 'b-list.yaml', false],
    ['a\\*.yaml', 'a*.yaml', true],
    ['a\\*.yaml', 'ab.yaml', false],
    ['a.yaml', 'xa.yaml', false],
  ])('%s matches %s: %s', (pattern, path, expected) => {
    expect(compileGlob(pattern).test(path)).toBe(expected);
  });

  it('refuses unterminated groups', () => {
    expect(() => compileGlob('{a,b')).toThrow(/unterminated \{/);
    expect(() => compileGlob('[ab')).toThrow(/unterminated \[/);
  });
});
