import { InputError } from '@fjord/platform';
import { Action, Effect, projectRoleSubject, Resource, type PolicyRule } from '@fjord/rbac';
import type { AppProject } from '@fjord/argo';

/**
 * The only resources a project role's policies may name, as Argo CD's `rbac.ProjectScoped`: everything else
 * (projects, accounts, certificates, gpgkeys, extensions) is global and belongs in `argocd-rbac-cm`.
 */
export const PROJECT_SCOPED_RESOURCES: readonly string[] = [
  Resource.Applications,
  Resource.ApplicationSets,
  Resource.Repositories,
  Resource.Clusters,
  Resource.Logs,
  Resource.Exec,
];
const ROLE_NAME = /^[a-zA-Z0-9]([-_a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const ACTION = /^(\*|get|create|update|delete|sync|rollback|override|invoke|action(\/.+)?|update\/.+|delete\/.+)$/;
const GROUP_INVALID = /[,\n\r\t]/;
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * What is wrong with one policy line of role `role` in project `project`, or undefined when it is acceptable.
 * Mirrors Argo CD's `validatePolicy`: `p, proj:<project>:<role>, <project-scoped resource>, <action>,
 * <project>/<object>, allow|deny`, six comma-separated fields.
 */
export function policyLineProblem(project: string, role: string, line: string): string | undefined {
  const fields = line.split(',').map((f) => f.trim());
  if (fields.length !== 6 || fields[0] !== 'p') return "must be of the form: 'p, sub, res, act, obj, eft'";
  const [, subject, resource, action, object, effect] = fields;
  const expected = projectRoleSubject(project, role);
  if (subject !== expected) return `policy subject must be: '${expected}', not '${subject}'`;
  if (!PROJECT_SCOPED_RESOURCES.includes(resource)) {
    return `project resource must be: ${PROJECT_SCOPED_RESOURCES.map((r) => `'${r}'`).join(', ')}, not '${resource}'`;
  }
  if (!ACTION.test(action)) return `invalid action '${action}'`;
  const inProject = new RegExp(`^${escapeRegExp(project)}/[*\\w.-]+(/[*\\w.-]+)*$`);
  if (!inProject.test(object)) return `object must be of form '${project}/*', '${project}[/<NAMESPACE>]/<APPNAME>' or '${project}/<APPNAME>', not '${object}'`;
  if (effect !== Effect.Allow && effect !== Effect.Deny) return `effect must be: 'allow' or 'deny', not '${effect}'`;
  return undefined;
}

/**
 * Refuses (InputError, gRPC INVALID_ARGUMENT / HTTP 400) a project whose roles Argo CD would refuse: a bad or
 * duplicate role name, a policy line outside the project or on a global resource, an empty or duplicate group.
 * The message names the role and the policy line.
 */
export function validateProjectRoles(project: AppProject): void {
  const name = project.metadata.name;
  const roles = project.spec.roles ?? [];
  if (!Array.isArray(roles)) throw new InputError('spec.roles must be a list');
  const seen = new Set<string>();
  for (const role of roles) {
    if (typeof role?.name !== 'string' || !ROLE_NAME.test(role.name)) {
      throw new InputError(
        `invalid role name '${String(role?.name)}': must consist of alphanumeric characters, '-' or '_', and must start and end with an alphanumeric character`,
      );
    }
    if (seen.has(role.name)) throw new InputError(`role '${role.name}' already exists in project '${name}'`);
    seen.add(role.name);
    const policies = new Set<string>();
    for (const line of role.policies ?? []) {
      if (typeof line !== 'string') throw new InputError(`role '${role.name}': each policy must be a string`);
      const problem = policyLineProblem(name, role.name, line);
      if (problem) throw new InputError(`role '${role.name}': invalid policy rule '${line}': ${problem}`);
      if (policies.has(line)) throw new InputError(`role '${role.name}': policy '${line}' already exists`);
      policies.add(line);
    }
    const groups = new Set<string>();
    for (const group of role.groups ?? []) {
      if (typeof group !== 'string' || !group.trim() || GROUP_INVALID.test(group))
        throw new InputError(`role '${role.name}': invalid group name '${String(group)}'`);
      if (groups.has(group)) throw new InputError(`role '${role.name}': group '${group}' already exists`);
      groups.add(group);
    }
  }
}

/**
 * The rules a project role's token gets, at authorization time: only the stored policy lines that pass
 * `policyLineProblem` (so a line written past the API, e.g. with kubectl, that names a global resource or another
 * project grants nothing), plus `get` on its own project, which Argo CD gives every project role.
 */
export function scopedProjectRoleRules(project: string, role: string, policies: readonly unknown[]): PolicyRule[] {
  const subject = projectRoleSubject(project, role);
  const rules: PolicyRule[] = [{ subject, resource: Resource.Projects, action: Action.Get, object: project, effect: Effect.Allow }];
  for (const line of policies) {
    if (typeof line !== 'string' || policyLineProblem(project, role, line)) continue;
    const [, , resource, action, object, effect] = line.split(',').map((f) => f.trim());
    rules.push({ subject, resource, action, object, effect: effect as Effect });
  }
  return rules;
}
