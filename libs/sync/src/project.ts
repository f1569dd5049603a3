import { globMatch, GlobDialect, type AppProjectSpec, type GlobOptions, type GroupKindPattern, type ResourceKey } from '@fjord/argo';
import { defaultIsNamespaced, resourceKeyOf, type IsNamespaced } from '@fjord/diff';
import type { KubeObject } from '@fjord/k8s-yaml';
import { normalizeGitURL } from './git-url';

/** What a project check looks at: the app's sources, its destination (server and name when known) and objects. */
export interface ProjectCheckInput {
  sources: readonly { repoURL: string }[];
  destination: { server?: string; name?: string; namespace?: string };
  objects?: readonly KubeObject[];
  isNamespaced?: IsNamespaced;
}

/** Kinds of project violations. */
export const ViolationType = { Source: 'source', Destination: 'destination', Resource: 'resource', Namespace: 'namespace' } as const;
/** One of the violation types. */
export type ViolationType = (typeof ViolationType)[keyof typeof ViolationType];

/** One thing a project forbids, with a message naming the resource and the rule. */
export interface ProjectViolation {
  type: ViolationType;
  message: string;
  resource?: ResourceKey;
}

const destGlob: GlobOptions = GlobDialect.Argo;
const repoGlob: GlobOptions = GlobDialect.ArgoRepo;
const pathGlob: GlobOptions = GlobDialect.ArgoResource;
const isDeny = (p: string | undefined) => (p ?? '').startsWith('!');

/** Argo CD's glob match with `!negation` and `*` matching everything. */
function match(pattern: string | undefined, value: string, options: GlobOptions): boolean {
  const p = pattern ?? '';
  if (isDeny(p)) return !globMatch(p.slice(1), value, options);
  return p === '*' || globMatch(p, value, options);
}

/** Whether a repo URL is allowed by `sourceRepos`: some pattern matches, and no `!pattern` excludes it. */
export function isSourcePermitted(spec: AppProjectSpec, repoURL: string): boolean {
  const url = normalizeGitURL(repoURL);
  let matched = false;
  for (const repo of spec.sourceRepos ?? []) {
    const pattern = isDeny(repo) ? `!${normalizeGitURL(repo.slice(1))}` : normalizeGitURL(repo);
    if (match(pattern, url, repoGlob)) matched = true;
    else if (isDeny(pattern)) return false;
  }
  return matched;
}

/** Whether a destination (server and/or name, namespace) is allowed by `destinations`, with Argo CD's deny rules. */
export function isDestinationPermitted(spec: AppProjectSpec, dest: { server?: string; name?: string; namespace?: string }): boolean {
  let matched = false;
  for (const item of spec.destinations ?? []) {
    const nameOk = !!dest.name && match(item.name, dest.name, destGlob);
    const serverOk = !!dest.server && match(item.server, dest.server, destGlob);
    const nsOk = match(item.namespace, dest.namespace ?? '', destGlob);
    if ((serverOk || nameOk) && nsOk) matched = true;
    else if ((!nameOk && isDeny(item.name)) || (!serverOk && isDeny(item.server) && nsOk)) return false;
    else if (!nsOk && isDeny(item.namespace) && serverOk) return false;
  }
  return matched;
}

function findRule<T extends GroupKindPattern & { name?: string }>(list: readonly T[] | undefined, key: ResourceKey): T | undefined {
  return (list ?? []).find(
    (r) => globMatch(r.kind, key.kind, pathGlob) && globMatch(r.group, key.group, pathGlob) && (!r.name || globMatch(r.name, key.name, pathGlob)),
  );
}

const ruleText = (r: GroupKindPattern & { name?: string }) => `${r.group || '""'}/${r.kind}${r.name ? `/${r.name}` : ''}`;

/** Why a resource's group/kind is not permitted (undefined when it is), as Argo CD's allow/deny lists decide. */
export function resourceDenial(spec: AppProjectSpec, key: ResourceKey, namespaced: boolean): string | undefined {
  if (namespaced) {
    const white = spec.namespaceResourceWhitelist;
    if (white !== undefined && !findRule(white, key))
      return white.length === 0 ? 'namespaceResourceWhitelist is empty' : 'it matches no namespaceResourceWhitelist entry';
    const black = findRule(spec.namespaceResourceBlacklist, key);
    return black ? `it matches namespaceResourceBlacklist entry ${ruleText(black)}` : undefined;
  }
  const white = spec.clusterResourceWhitelist ?? [];
  if (white.length === 0) return 'cluster-scoped resources are not allowed (clusterResourceWhitelist is empty)';
  if (!findRule(white, key)) return 'it matches no clusterResourceWhitelist entry';
  const black = findRule(spec.clusterResourceBlacklist, key);
  return black ? `it matches clusterResourceBlacklist entry ${ruleText(black)}` : undefined;
}

const describe = (k: ResourceKey) => `${k.group ? `${k.group}/` : ''}${k.kind} ${k.namespace ? `${k.namespace}/` : ''}${k.name}`;

function objectViolations(project: string, spec: AppProjectSpec, input: ProjectCheckInput): ProjectViolation[] {
  const isNamespaced = input.isNamespaced ?? defaultIsNamespaced;
  const out: ProjectViolation[] = [];
  for (const obj of input.objects ?? []) {
    const key = resourceKeyOf(obj, input.destination.namespace ?? '', isNamespaced);
    const namespaced = key.namespace !== '';
    const denial = resourceDenial(spec, key, namespaced);
    if (denial)
      out.push({ type: ViolationType.Resource, resource: key, message: `resource ${describe(key)} is not permitted in project '${project}': ${denial}` });
    else if (namespaced && !isDestinationPermitted(spec, { ...input.destination, namespace: key.namespace })) {
      out.push({
        type: ViolationType.Namespace,
        resource: key,
        message: `namespace ${key.namespace} of ${describe(key)} is not permitted in project '${project}'`,
      });
    }
  }
  return out;
}

/**
 * Checks an app against its AppProject as Argo CD does at sync time: every source repo is permitted, the destination
 * is permitted, and every object's group/kind is allowed (namespaced: whitelist absent = all, blacklist denies;
 * cluster-scoped: only what clusterResourceWhitelist allows) in a permitted namespace. Empty when all is allowed.
 */
export function checkProject(project: { name: string; spec: AppProjectSpec }, input: ProjectCheckInput): ProjectViolation[] {
  const { name, spec } = project;
  const out: ProjectViolation[] = [];
  for (const source of input.sources) {
    if (!isSourcePermitted(spec, source.repoURL))
      out.push({ type: ViolationType.Source, message: `application repo ${source.repoURL} is not permitted in project '${name}'` });
  }
  const d = input.destination;
  if (!isDestinationPermitted(spec, d)) {
    const where = d.server ? `server '${d.server}'` : `cluster '${d.name ?? ''}'`;
    out.push({
      type: ViolationType.Destination,
      message: `application destination ${where} and namespace '${d.namespace ?? ''}' do not match any of the allowed destinations in project '${name}'`,
    });
  }
  return [...out, ...objectViolations(name, spec, input)];
}
