import type { AppProject } from '@fjord/argo';

/** The project every Fjord has, created on start when missing, as Argo CD does: anything goes. */
export const defaultProject = (namespace: string): AppProject => ({
  apiVersion: 'argoproj.io/v1alpha1',
  kind: 'AppProject',
  metadata: { name: 'default', namespace },
  spec: {
    sourceRepos: ['*'],
    destinations: [{ server: '*', namespace: '*' }],
    clusterResourceWhitelist: [{ group: '*', kind: '*' }],
  },
});
