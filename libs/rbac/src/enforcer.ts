import { globMatch as matchGlob, GlobDialect } from '@fjord/argo';
import { BUILTIN_POLICY_CSV } from './builtin-policy';
import { Effect, mergePolicies, parsePolicyCsv, type Policy, type PolicyRule } from './policy';

/** RBAC's glob dialect: `*` and `?` only, slashes included, the rest literal. */
const globMatch = (pattern: string, value: string): boolean => matchGlob(pattern, value, GlobDialect.Rbac);

/** One question to the enforcer: may `subject` do `action` on `resource` object `object`? */
export interface AccessRequest {
  subject: string;
  resource: string;
  action: string;
  /** `<project>/<app>` for applications, the project name for projects, `*`-free. */
  object: string;
  /** Rules that apply to this request only, e.g. a project role's policies for a project token. */
  extraRules?: PolicyRule[];
  /** False for subjects that must not get the default role (project tokens). */
  withDefaultRole?: boolean;
}

/** The answer, with the rule that decided it when there is one. */
export interface AccessDecision {
  allowed: boolean;
  /** The deny rule that refused it, or the allow rule that granted it. */
  rule?: PolicyRule;
}

/** Settings read from `argocd-rbac-cm`. */
export interface RbacSettings {
  /** `policy.csv`: the operator's policy, added to the built-in one. */
  policyCsv?: string;
  /** `policy.default`: the role every authenticated user holds, e.g. `role:readonly`; empty for none. */
  defaultRole?: string;
}

/**
 * Argo CD's enforcement: the subject, the roles it holds (through `g` lines, transitively) and the default role
 * are matched against every `p` rule by glob; allowed when some rule allows and no rule denies.
 */
export class Enforcer {
  private readonly policy: Policy;
  private readonly defaultRole: string;

  /** Builds an enforcer from the operator's settings on top of the built-in policy; throws PolicyParseError. */
  constructor(settings: RbacSettings = {}) {
    this.policy = mergePolicies(parsePolicyCsv(BUILTIN_POLICY_CSV), parsePolicyCsv(settings.policyCsv ?? ''));
    this.defaultRole = (settings.defaultRole ?? '').trim();
  }

  /** The subject and every role it holds, default role included unless the request opts out. */
  subjectsOf(subject: string, withDefaultRole = true): string[] {
    const seen = new Set<string>([subject]);
    if (withDefaultRole && this.defaultRole) seen.add(this.defaultRole);
    const queue = [...seen];
    while (queue.length) {
      const member = queue.shift()!;
      for (const grant of this.policy.grants) {
        if (grant.member === member && !seen.has(grant.role)) {
          seen.add(grant.role);
          queue.push(grant.role);
        }
      }
    }
    return [...seen];
  }

  /** Decides one request. */
  enforce(request: AccessRequest): AccessDecision {
    const subjects = this.subjectsOf(request.subject, request.withDefaultRole ?? true);
    const rules = request.extraRules ? [...this.policy.rules, ...request.extraRules] : this.policy.rules;
    let allow: PolicyRule | undefined;
    for (const rule of rules) {
      if (!subjects.includes(rule.subject)) continue;
      if (!globMatch(rule.resource, request.resource) || !globMatch(rule.action, request.action)) continue;
      if (!globMatch(rule.object, request.object)) continue;
      if (rule.effect === Effect.Deny) return { allowed: false, rule };
      allow ??= rule;
    }
    return { allowed: allow !== undefined, rule: allow };
  }
}

/** The subject of a project role token, as Argo CD spells it. */
export const projectRoleSubject = (project: string, role: string) => `proj:${project}:${role}`;

/**
 * Reads a project role's policy lines (as stored in `AppProject.spec.roles[].policies`) into rules for its
 * subject, dropping any whose object lies outside the project, so a role can never reach another project.
 */
export function projectRoleRules(project: string, role: string, policies: string[]): PolicyRule[] {
  const subject = projectRoleSubject(project, role);
  const parsed = parsePolicyCsv(policies.join('\n'));
  return parsed.rules.filter((r) => r.subject === subject && (r.object === project || r.object.startsWith(`${project}/`)));
}
