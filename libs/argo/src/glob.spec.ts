import fc from 'fast-check';
import { compileGlob, globMatch, GlobDialect, GlobSyntaxError, type GlobOptions } from './glob';

const dialects = Object.entries(GlobDialect) as [keyof typeof GlobDialect, GlobOptions][];

/** true / false for a match, 'error' when the pattern does not compile in that dialect. */
const outcome = (pattern: string, value: string, options: GlobOptions): boolean | 'error' => {
  try {
    return compileGlob(pattern, options).test(value);
  } catch (err) {
    if (!(err instanceof GlobSyntaxError)) throw err;
    return 'error';
  }
};

describe('how the dialects differ', () => {
  // Columns: Argo, ArgoRepo, ArgoResource, Directory, Rbac, IgnoreDifferences, HelmFiles, GoFilepath.
  const T = true;
  const F = false;
  const E = 'error' as const;
  it.each<[string, string, (boolean | 'error')[]]>([
    ['a/*', 'a/b/c', [T, F, F, T, T, T, F, F]],
    ['**', 'a/b', [T, T, T, T, T, T, T, F]],
    ['a?c', 'a/c', [T, F, F, T, T, T, F, F]],
    ['{a,b}', 'b', [T, T, F, T, F, T, T, F]],
    ['{a,b}', '{a,b}', [F, F, T, F, T, F, F, T]],
    ['{a,{b,c}}', 'c', [T, T, F, T, F, F, T, F]],
    ['{a,{b,c}}', 'c}', [F, F, F, F, F, T, F, F]],
    ['{a', '{a', [E, E, T, E, T, T, E, T]],
    ['[ab]', 'b', [T, T, T, T, F, F, T, T]],
    ['[ab]', '[ab]', [F, F, F, F, T, T, F, F]],
    ['[!a]', 'b', [T, T, T, T, F, F, T, F]],
    ['[^a]', 'b', [T, T, T, T, F, F, T, T]],
    ['[]a]', ']', [T, T, T, F, F, F, T, T]],
    ['[!]', 'x', [E, E, E, T, F, F, E, F]],
    ['[/]', '/', [T, T, T, T, F, F, T, F]],
    ['[\\]]', ']', [T, T, T, F, F, F, T, T]],
    ['\\*', '*', [T, T, T, T, F, F, T, T]],
    ['\\*', '\\x', [F, F, F, F, T, T, F, F]],
    ['a\\', 'a\\', [T, T, T, T, T, T, E, E]],
    ['*', 'a\nb', [T, T, T, T, T, F, T, T]],
    ['?', '😀', [F, F, F, F, F, F, T, T]],
  ])('%j against %j', (pattern, value, expected) => {
    expect(dialects.map(([, options]) => outcome(pattern, value, options))).toEqual(expected);
  });
});

describe('properties every dialect has', () => {
  const plain = fc.stringMatching(/^[a-z0-9./-]{0,12}$/);
  it('a pattern without special characters matches exactly itself', () => {
    fc.assert(
      fc.property(plain, plain, (p, v) => dialects.every(([, o]) => globMatch(p, v, o) === (p === v))),
      { seed: 16, numRuns: 2000 },
    );
  });
  it('`*` matches any value without separators or line breaks', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[^/\n\r\u2028\u2029]*$/), (v) => dialects.every(([, o]) => globMatch('*', v, o))),
      { seed: 16, numRuns: 500 },
    );
  });
});

describe('Argo CD dialects (AppProject checks)', () => {
  it.each<[string, string, GlobOptions, boolean]>([
    ['*', 'anything/at/all', GlobDialect.Argo, true],
    ['https://github.com/argoproj/*', 'https://github.com/argoproj/argocd-example-apps', GlobDialect.ArgoRepo, true],
    ['https://github.com/argoproj/*', 'https://github.com/argoproj/a/b', GlobDialect.ArgoRepo, false],
    ['https://github.com/**', 'https://github.com/argoproj/a/b', GlobDialect.ArgoRepo, true],
    ['team-?', 'team-a', GlobDialect.Argo, true],
    ['team-[a-c]', 'team-d', GlobDialect.Argo, false],
    ['team-[!a-c]', 'team-d', GlobDialect.Argo, true],
    ['{dev,prod}-*', 'prod-eu', GlobDialect.Argo, true],
    ['{dev,prod}-*', 'qa-eu', GlobDialect.Argo, false],
    ['rbac.*', 'rbac.authorization.k8s.io', GlobDialect.ArgoResource, true],
    ['\\*', '*', GlobDialect.Argo, true],
  ])('%s ~ %s → %s', (pattern, value, options, expected) => {
    expect(globMatch(pattern, value, options)).toBe(expected);
  });

  it('matches nothing for a malformed glob', () => {
    expect(globMatch('team-[a', 'team-a')).toBe(false);
  });
});

describe('Directory dialect (directory include/exclude)', () => {
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
    expect(compileGlob(pattern, GlobDialect.Directory).test(path)).toBe(expected);
  });

  it('refuses unterminated groups, naming the pattern', () => {
    expect(() => compileGlob('{a,b', GlobDialect.Directory)).toThrow('syntax error in pattern "{a,b": unterminated {');
    expect(() => compileGlob('[ab', GlobDialect.Directory)).toThrow(/unterminated \[/);
  });
});

describe('Rbac dialect', () => {
  it('matches * across slashes and ? as one character, the rest literally', () => {
    expect(globMatch('proj-a/*', 'proj-a/web', GlobDialect.Rbac)).toBe(true);
    expect(globMatch('*', 'a/b/c', GlobDialect.Rbac)).toBe(true);
    expect(globMatch('action/*', 'action/apps/Deployment/restart', GlobDialect.Rbac)).toBe(true);
    expect(globMatch('proj-?', 'proj-a', GlobDialect.Rbac)).toBe(true);
    expect(globMatch('proj.a', 'projxa', GlobDialect.Rbac)).toBe(false);
    expect(globMatch('proj-a/*', 'proj-b/web', GlobDialect.Rbac)).toBe(false);
  });
});

describe('Helm dialects', () => {
  it('HelmFiles: * stays within a directory, ** crosses', () => {
    expect(globMatch('files/*.txt', 'files/a.txt', GlobDialect.HelmFiles)).toBe(true);
    expect(globMatch('files/*.txt', 'files/sub/a.txt', GlobDialect.HelmFiles)).toBe(false);
    expect(globMatch('files/**.txt', 'files/sub/a.txt', GlobDialect.HelmFiles)).toBe(true);
  });
  it("GoFilepath: a bad pattern is an error, as Go's ErrBadPattern", () => {
    expect(() => compileGlob('a[', GlobDialect.GoFilepath)).toThrow('syntax error in pattern');
    expect(globMatch('*.tgz', 'chart.tgz', GlobDialect.GoFilepath)).toBe(true);
  });
});
