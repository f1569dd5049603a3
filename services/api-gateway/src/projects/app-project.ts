/** The AppProject resource (argoproj.io/v1alpha1) as the gateway reads and writes it. */
export interface AppProject {
  apiVersion?: string;
  kind?: string;
  metadata: { name: string; namespace?: string; resourceVersion?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  spec: AppProjectSpec;
}

/** One allowed destination: globs over server (or cluster name) and namespace. */
export interface ProjectDestination {
  server?: string;
  name?: string;
  namespace?: string;
}

/** A token issued for a project role (`spec.roles[].jwtTokens[]`), by id. */
export interface JwtTokenRecord {
  iat: number;
  exp?: number;
  id: string;
}

/** A project role: policies for its tokens and the groups that hold it. */
export interface ProjectRole {
  name: string;
  description?: string;
  policies?: string[];
  groups?: string[];
  jwtTokens?: JwtTokenRecord[];
}

/** spec */
export interface AppProjectSpec {
  description?: string;
  sourceRepos?: string[];
  destinations?: ProjectDestination[];
  clusterResourceWhitelist?: { group: string; kind: string }[];
  clusterResourceBlacklist?: { group: string; kind: string }[];
  namespaceResourceWhitelist?: { group: string; kind: string }[];
  namespaceResourceBlacklist?: { group: string; kind: string }[];
  roles?: ProjectRole[];
  sourceNamespaces?: string[];
}

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
