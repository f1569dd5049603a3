import { toGitError } from './git-errors';
import { locateRepo } from './repo-location';

describe('Git errors never show the credentials of a repoURL', () => {
  it.each([
    [{ data: { statusCode: 401 } }, 'failed to list refs of https://***@git.example/r.git: authentication required or credentials rejected'],
    [{ data: { statusCode: 404 } }, 'failed to list refs of https://***@git.example/r.git: repository not found'],
    [
      new Error('connect ECONNREFUSED fetching https://ci:t0k3n@git.example/r.git'),
      'failed to list refs of https://***@git.example/r.git: connect ECONNREFUSED fetching https://***@git.example/r.git',
    ],
  ])('%p', (err, message) => {
    expect(toGitError(err, 'https://ci:t0k3n@git.example/r.git', 'list refs of').message).toBe(message);
  });

  it('nor does a refused URL', () => {
    expect(() => locateRepo('ftp://ci:t0k3n@git.example/r.git')).toThrow('repository ftp://***@git.example/r.git: not an http(s) or file:// URL');
  });
});
