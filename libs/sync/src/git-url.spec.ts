import { normalizeGitURL } from './git-url';

describe('normalizeGitURL', () => {
  it.each([
    ['https://GitHub.com/ArgoProj/argocd-example-apps.git', 'https://github.com/argoproj/argocd-example-apps'],
    ['git@github.com:argoproj/argocd-example-apps.git', 'git@github.com/argoproj/argocd-example-apps'],
    ['ssh://git@github.com/argoproj/argocd-example-apps', 'git@github.com/argoproj/argocd-example-apps'],
  ])('%s → %s', (url, normalized) => {
    expect(normalizeGitURL(url)).toBe(normalized);
  });
});
