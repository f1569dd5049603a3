import { redactUrl, redactUrls } from './redact-url';

describe('redactUrl', () => {
  it.each([
    ['https://user:pass@git.example.com/org/repo.git', 'https://***@git.example.com/org/repo.git'],
    ['https://token@github.com/org/repo', 'https://***@github.com/org/repo'],
    ['http://u:p%40ss@host:8080/r?x=1', 'http://***@host:8080/r?x=1'],
    ['https://u:p@ss@host/r', 'https://***@host/r'],
    ['https://github.com/org/repo.git', 'https://github.com/org/repo.git'],
    ['git@github.com:org/repo.git', 'git@github.com:org/repo.git'],
    ['https://host/path@v1', 'https://host/path@v1'],
    ['/abs/path', '/abs/path'],
  ])('%s → %s', (input, out) => expect(redactUrl(input)).toBe(out));

  it('redacts every URL in a message and nothing else', () => {
    expect(redactUrls('failed to list refs of https://ci:s3cret@git.example.com/a.git: repository not found (also http://x:y@h/b); mail me@example.com')).toBe(
      'failed to list refs of https://***@git.example.com/a.git: repository not found (also http://***@h/b); mail me@example.com',
    );
  });
});
