import type { Application, AppProject } from '@fjord/argo';
import { checkAppPermitted } from './project-permits';

const project = (destinations: AppProject['spec']['destinations'], sourceRepos = ['*']): AppProject => ({
  metadata: { name: 'p' },
  spec: { sourceRepos, destinations },
});
const app = (namespace: string, repoURL = 'https://github.com/org/repo.git'): Application => ({
  metadata: { name: 'a' },
  spec: { project: 'p', source: { repoURL, path: '.' }, destination: { server: 'https://kubernetes.default.svc', namespace } },
});

describe('checkAppPermitted (libs/sync rules, as the controller enforces them)', () => {
  const denyKubeSystem = project([
    { server: '*', namespace: '*' },
    { server: '*', namespace: '!kube-system' },
  ]);

  it('refuses a destination that a `!namespace` entry denies even when another entry allows it', () => {
    expect(() => checkAppPermitted(denyKubeSystem, app('kube-system'))).toThrow(
      /namespace 'kube-system' do not match any of the allowed destinations in project 'p'/,
    );
    expect(() => checkAppPermitted(denyKubeSystem, app('team-a'))).not.toThrow();
  });

  it('refuses a repo outside sourceRepos, with the credentials of its URL redacted', () => {
    expect(() =>
      checkAppPermitted(project([{ server: '*', namespace: '*' }], ['https://github.com/other/*']), app('x', 'https://ci:t0ken@github.com/org/repo.git')),
    ).toThrow("application repo https://***@github.com/org/repo.git is not permitted in project 'p'");
  });
});
