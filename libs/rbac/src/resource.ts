/** Argo CD's RBAC resources. */
export const Resource = {
  Applications: 'applications',
  ApplicationSets: 'applicationsets',
  Clusters: 'clusters',
  Projects: 'projects',
  Repositories: 'repositories',
  Accounts: 'accounts',
  Certificates: 'certificates',
  GpgKeys: 'gpgkeys',
  Logs: 'logs',
  Exec: 'exec',
  Extensions: 'extensions',
} as const;
/** One of {@link Resource}: a resource an RBAC rule names. */
export type Resource = (typeof Resource)[keyof typeof Resource];
