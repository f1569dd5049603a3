import { createHmac } from 'node:crypto';
import type { Application } from '@fjord/argo';
import { appMatchesPush, revisionMatches } from './app-matcher';
import { GitProvider, parsePush, verifyWebhook, type PushEvent } from './push-event';
import { normalizeRepoUrl } from './repo-url';

const app = (source: Partial<Application['spec']['source']>, annotations?: Record<string, string>): Application => ({
  metadata: { name: 'a', annotations },
  spec: { source: { repoURL: 'https://github.com/org/config.git', path: 'apps/web', targetRevision: 'HEAD', ...source } },
});
const push = (extra: Partial<PushEvent> = {}): PushEvent => ({
  provider: GitProvider.GitHub,
  repoUrls: ['https://github.com/Org/config'],
  ref: 'refs/heads/main',
  defaultBranch: 'main',
  ...extra,
});

describe('normalizeRepoUrl', () => {
  it('reads https, ssh and scp-like forms of one repository alike', () => {
    const forms = [
      'https://GitHub.com/org/config.git',
      'git@github.com:org/config.git',
      'ssh://git@github.com:22/org/config',
      'https://user@github.com/org/config/',
    ];
    expect(new Set(forms.map(normalizeRepoUrl))).toEqual(new Set(['github.com/org/config']));
  });
});

describe('appMatchesPush', () => {
  it('matches HEAD to the default branch, and a named branch or tag to itself', () => {
    expect(revisionMatches('HEAD', push())).toBe(true);
    expect(revisionMatches('', push({ ref: 'refs/heads/dev' }))).toBe(false);
    expect(revisionMatches('dev', push({ ref: 'refs/heads/dev' }))).toBe(true);
    expect(revisionMatches('v1.2', push({ ref: 'refs/tags/v1.2' }))).toBe(true);
  });

  it('needs a changed file under the source path (or the manifest-generate-paths) when the payload lists files', () => {
    expect(appMatchesPush(app({}), push({ changedFiles: ['apps/web/deploy.yaml'] }))).toBe(true);
    expect(appMatchesPush(app({}), push({ changedFiles: ['apps/webhook/x.yaml'] }))).toBe(false);
    expect(appMatchesPush(app({}), push())).toBe(true);
    expect(appMatchesPush(app({}, { 'argocd.argoproj.io/manifest-generate-paths': '.;/shared' }), push({ changedFiles: ['shared/base.yaml'] }))).toBe(true);
    expect(appMatchesPush(app({ repoURL: 'https://github.com/org/other' }), push())).toBe(false);
  });
});

describe('webhook verification', () => {
  const body = Buffer.from('{"ref":"refs/heads/main"}');
  it('accepts GitHub HMAC signatures and GitLab tokens that match, and refuses the rest', () => {
    const sig = `sha256=${createHmac('sha256', 's3cret').update(body).digest('hex')}`;
    expect(() => verifyWebhook(GitProvider.GitHub, { 'x-hub-signature-256': sig }, body, 's3cret')).not.toThrow();
    expect(() => verifyWebhook(GitProvider.GitHub, { 'x-hub-signature-256': sig }, body, 'other')).toThrow(/does not match/);
    expect(() => verifyWebhook(GitProvider.GitHub, {}, body, 's3cret')).toThrow(/missing/);
    expect(() => verifyWebhook(GitProvider.GitLab, { 'x-gitlab-token': 's3cret' }, body, 's3cret')).not.toThrow();
    expect(() => verifyWebhook(GitProvider.GitLab, { 'x-gitlab-token': 'nope' }, body, 's3cret')).toThrow(/does not match/);
  });

  it('reads a GitLab push with its changed files', () => {
    const event = parsePush(
      GitProvider.GitLab,
      { 'x-gitlab-event': 'Push Hook' },
      {
        ref: 'refs/heads/main',
        project: { web_url: 'https://gitlab.com/org/config', default_branch: 'main' },
        commits: [{ added: ['a.yaml'], modified: ['b.yaml'], removed: [] }],
      },
    );
    expect(event).toMatchObject({ repoUrls: ['https://gitlab.com/org/config'], defaultBranch: 'main', changedFiles: ['a.yaml', 'b.yaml'] });
  });
});
