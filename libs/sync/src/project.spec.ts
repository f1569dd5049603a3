import type { AppProjectSpec } from '@fjord/argo';
import type { KubeObject } from '@fjord/k8s-yaml';
import { loadCorpusDir, loadTestdata } from '../test/fixtures';
import { checkProject, isDestinationPermitted, isSourcePermitted, resourceDenial } from './project';

const [projectObj] = loadTestdata('project.yaml');
const project = { name: 'team-web', spec: projectObj.spec as AppProjectSpec };
const local = 'https://kubernetes.default.svc';

describe('checkProject', () => {
  it('allows the guestbook in web-prod', () => {
    const objects = loadCorpusDir('argocd-example-apps/sync-waves');
    expect(
      checkProject(project, {
        sources: [{ repoURL: 'https://github.com/argoproj/argocd-example-apps.git' }],
        destination: { server: local, namespace: 'web-prod' },
        objects,
      }),
    ).toEqual([]);
  });

  it('names the repo, destination and each resource with the rule that forbids it', () => {
    const objects: KubeObject[] = [
      ...loadCorpusDir('argo-cd-e2e/cluster-role-hook'),
      { apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'quota' } },
      { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'kube-system' } },
    ];
    const violations = checkProject(project, {
      sources: [{ repoURL: 'https://github.com/argoproj/argo-cd' }],
      destination: { server: 'https://10.0.0.1:6443', namespace: 'kube-system' },
      objects,
    });
    expect(violations.map((v) => v.message)).toEqual([
      "application repo https://github.com/argoproj/argo-cd is not permitted in project 'team-web'",
      "application destination server 'https://10.0.0.1:6443' and namespace 'kube-system' do not match any of the allowed destinations in project 'team-web'",
      "resource rbac.authorization.k8s.io/ClusterRoleBinding my-cluster-role-binding is not permitted in project 'team-web': it matches no clusterResourceWhitelist entry",
      "namespace kube-system of Pod kube-system/my-pod is not permitted in project 'team-web'",
      'resource ResourceQuota kube-system/quota is not permitted in project \'team-web\': it matches namespaceResourceBlacklist entry ""/ResourceQuota',
      "namespace kube-system of ConfigMap kube-system/cm is not permitted in project 'team-web'",
    ]);
    expect(violations[2].resource).toEqual({ group: 'rbac.authorization.k8s.io', kind: 'ClusterRoleBinding', namespace: '', name: 'my-cluster-role-binding' });
  });

  it('allows no cluster-scoped resource when clusterResourceWhitelist is empty, all namespaced ones when no whitelist', () => {
    const spec: AppProjectSpec = { sourceRepos: ['*'], destinations: [{ server: '*', namespace: '*' }] };
    expect(resourceDenial(spec, { group: '', kind: 'Namespace', namespace: '', name: 'x' }, false)).toBe(
      'cluster-scoped resources are not allowed (clusterResourceWhitelist is empty)',
    );
    expect(resourceDenial(spec, { group: 'apps', kind: 'Deployment', namespace: 'a', name: 'x' }, true)).toBeUndefined();
    expect(resourceDenial({ ...spec, namespaceResourceWhitelist: [] }, { group: 'apps', kind: 'Deployment', namespace: 'a', name: 'x' }, true)).toBe(
      'namespaceResourceWhitelist is empty',
    );
    expect(
      resourceDenial(
        { ...spec, clusterResourceWhitelist: [{ group: '*', kind: '*' }], clusterResourceBlacklist: [{ group: '', kind: 'Namespace', name: 'kube-*' }] },
        { group: '', kind: 'Namespace', namespace: '', name: 'kube-public' },
        false,
      ),
    ).toBe('it matches clusterResourceBlacklist entry ""/Namespace/kube-public'.replace('kube-public', 'kube-*'));
  });
});

describe('sources and destinations', () => {
  it.each([
    ['https://github.com/argoproj/argocd-example-apps', true],
    ['https://github.com/argoproj/argo-cd.git', false],
    // As in Argo CD, a `!pattern` entry also admits every repo it does not exclude.
    ['git@github.com:argoproj/argocd-example-apps.git', true],
    ['https://gitlab.com/argoproj/argocd-example-apps', true],
  ])('source %s → %s', (url, ok) => {
    expect(isSourcePermitted(project.spec, url)).toBe(ok);
  });

  it('admits only matching repos without a negation', () => {
    const spec: AppProjectSpec = { sourceRepos: ['https://github.com/argoproj/*'] };
    expect(isSourcePermitted(spec, 'https://gitlab.com/argoproj/argocd-example-apps')).toBe(false);
    expect(isSourcePermitted(spec, 'https://github.com/argoproj/argocd-example-apps.git')).toBe(true);
  });

  it.each([
    [{ server: local, namespace: 'web-prod' }, true],
    [{ name: 'in-cluster', namespace: 'guestbook' }, true],
    [{ server: 'https://10.0.0.1:6443', namespace: 'payments' }, true],
    [{ server: 'https://10.0.0.1:6443', namespace: 'kube-system' }, false],
    [{ name: 'other', namespace: 'guestbook' }, false],
  ])('destination %j → %s', (dest, ok) => {
    expect(isDestinationPermitted(project.spec, dest)).toBe(ok);
  });
});
