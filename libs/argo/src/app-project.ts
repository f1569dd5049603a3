import type { ObjectMeta } from './kube-object';

/** The AppProject resource (argoproj.io/v1alpha1): what the apps of a project may deploy, from where, to where. */
export interface AppProject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
  spec: AppProjectSpec;
}

/** A group/kind pattern of a project's resource lists (globs). */
export interface GroupKindPattern {
  group: string;
  kind: string;
}

/** A cluster-scoped resource pattern, optionally narrowed to names (glob). */
export interface ClusterResourcePattern extends GroupKindPattern {
  name?: string;
}

/** A destination a project allows: server or cluster name, and namespace (globs, `!` negates). */
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

/** `spec` of an AppProject. */
export interface AppProjectSpec {
  description?: string;
  sourceRepos?: string[];
  destinations?: ProjectDestination[];
  clusterResourceWhitelist?: ClusterResourcePattern[];
  clusterResourceBlacklist?: ClusterResourcePattern[];
  namespaceResourceWhitelist?: GroupKindPattern[];
  namespaceResourceBlacklist?: GroupKindPattern[];
  roles?: ProjectRole[];
  /** Namespaces (globs) whose Applications may use this project. */
  sourceNamespaces?: string[];
  syncWindows?: Record<string, unknown>[];
  orphanedResources?: Record<string, unknown>;
}
