import { normalizeGitURL } from './git-url';
import { globMatch } from './glob';

describe('globMatch', () => {
  it.each([
    ['*', 'anything/at/all', {}, true],
    ['https://github.com/argoproj/*', 'https://github.com/argoproj/argocd-example-apps', { separators: '/' }, true],
    ['https://github.com/argoproj/*', 'https://github.com/argoproj/a/b', { separators: '/' }, false],
    ['https://github.com/**', 'https://github.com/argoproj/a/b', { separators: '/' }, true],
    ['team-?', 'team-a', {}, true],
    ['team-[a-c]', 'team-d', {}, false],
    ['team-[!a-c]', 'team-d', {}, true],
    ['{dev,prod}-*', 'prod-eu', {}, true],
    ['{dev,prod}-*', 'qa-eu', {}, false],
    ['rbac.*', 'rbac.authorization.k8s.io', { separators: '/', braces: false }, true],
    ['\\*', '*', {}, true],
  ])('%s ~ %s %j → %s', (pattern, value, options, expected) => {
    expect(globMatch(pattern, value, options)).toBe(expected);
  });

  it('matches nothing for a malformed glob', () => {
    expect(globMatch('team-[a', 'team-a')).toBe(false);
  });
});

describe('normalizeGitURL', () => {
  it.each([
    ['https://GitHub.com/ArgoProj/argocd-example-apps.git', 'https://github.com/argoproj/argocd-example-apps'],
    ['git@github.com:argoproj/argocd-example-apps.git', 'git@github.com/argoproj/argocd-example-apps'],
    ['ssh://git@github.com/argoproj/argocd-example-apps', 'git@github.com/argoproj/argocd-example-apps'],
  ])('%s → %s', (url, normalized) => {
    expect(normalizeGitURL(url)).toBe(normalized);
  });
});
