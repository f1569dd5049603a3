import { isLocalRepoURL, locateRepo } from './repo-location';

describe('isLocalRepoURL', () => {
  it.each([
    ['file:///srv/git/config.git', true],
    ['FILE:///srv/git/config.git', true],
    ['/srv/git/config.git', true],
    ['https://git.example/config.git', false],
    ['http://127.0.0.1:8080/config.git', false],
    ['ssh://git@git.example/config.git', false],
    ['git@git.example:config.git', false],
    ['relative/path', false],
  ])('%s is local: %s', (url, local) => {
    expect(isLocalRepoURL(url)).toBe(local);
  });

  it('agrees with locateRepo without touching the disk', () => {
    expect(() => locateRepo('/no/such/dir')).toThrow(/not a Git repository/);
    expect(isLocalRepoURL('/no/such/dir')).toBe(true);
    expect(locateRepo('https://git.example/config.git').kind).toBe('remote');
  });
});
