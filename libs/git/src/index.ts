export { locateRepo, normalizeRepoURL, type RepoLocation } from './repo-location';
export { listRefs, type GitAuth, type RepoRefs } from './refs';
export { resolveAgainstRefs, type RefResolution } from './resolve';
export { materializeCommit, DEFAULT_CHECKOUT_LIMITS, type CheckoutLimits } from './checkout';
export { fingerprintPaths, type PathDependency } from './fingerprint';
export { GitRepositories, DEFAULT_GIT_OPTIONS, type GitOptions, type ResolvedRevision } from './git-repositories';
export { KeyedMutex, InFlight } from './keyed-mutex';
