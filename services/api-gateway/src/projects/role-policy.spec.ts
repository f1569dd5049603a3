import { Enforcer } from '@fjord/rbac';
import type { AppProject } from '@fjord/argo';
import { policyLineProblem, scopedProjectRoleRules, validateProjectRoles } from './role-policy';

const project = (policies: string[], role = 'ci'): AppProject => ({ metadata: { name: 'P' }, spec: { roles: [{ name: role, policies }] } });
const can = (policies: string[], resource: string, action: string, object: string) =>
  new Enforcer().enforce({ subject: 'proj:P:ci', resource, action, object, extraRules: scopedProjectRoleRules('P', 'ci', policies), withDefaultRole: false })
    .allowed;

describe('project role policies', () => {
  it('refuses the escalation from the report, naming the role and the line', () => {
    expect(() => validateProjectRoles(project(['p, proj:P:ci, projects, update, P, allow']))).toThrow(
      "role 'ci': invalid policy rule 'p, proj:P:ci, projects, update, P, allow': project resource must be: 'applications', 'applicationsets', 'repositories', 'clusters', 'logs', 'exec', not 'projects'",
    );
  });

  it("accepts Argo CD's documented project role policies", () => {
    expect(() =>
      validateProjectRoles(
        project([
          'p, proj:P:ci, applications, sync, P/*, allow',
          'p, proj:P:ci, applications, get, P/guestbook, deny',
          'p, proj:P:ci, logs, get, P/ns/app, allow',
          'p, proj:P:ci, applications, action/apps/Deployment/restart, P/*, allow',
        ]),
      ),
    ).not.toThrow();
  });

  it.each([
    ['p, proj:Q:ci, applications, get, P/*, allow', "policy subject must be: 'proj:P:ci', not 'proj:Q:ci'"],
    ['p, proj:P:ci, applications, get, Q/*, allow', "object must be of form 'P/*'"],
    ['p, proj:P:ci, applications, get, */*, allow', "object must be of form 'P/*'"],
    ['p, proj:P:ci, applications, get, P, allow', "object must be of form 'P/*'"],
    ['p, proj:P:ci, *, *, P/*, allow', "not '*'"],
    ['p, proj:P:ci, accounts, update, P/*, allow', "not 'accounts'"],
    ['p, proj:P:ci, applications, get, P/*', "must be of the form: 'p, sub, res, act, obj, eft'"],
    ['g, proj:P:ci, role:admin', "must be of the form: 'p, sub, res, act, obj, eft'"],
    ['p, proj:P:ci, applications, get, P/*, maybe', "effect must be: 'allow' or 'deny'"],
  ])('refuses %s', (line, problem) => {
    expect(policyLineProblem('P', 'ci', line)).toContain(problem);
    expect(() => validateProjectRoles(project([line]))).toThrow(problem);
  });

  it('refuses bad and duplicate role names and duplicate policies', () => {
    expect(() => validateProjectRoles(project([], '-ci'))).toThrow("invalid role name '-ci'");
    expect(() => validateProjectRoles({ metadata: { name: 'P' }, spec: { roles: [{ name: 'ci' }, { name: 'ci' }] } })).toThrow("role 'ci' already exists");
    const line = 'p, proj:P:ci, applications, get, P/*, allow';
    expect(() => validateProjectRoles(project([line, line]))).toThrow('already exists');
  });

  it('grants a stored bad policy nothing at authorization time, and keeps the good ones', () => {
    const stored = [
      'p, proj:P:ci, projects, update, P, allow',
      'p, proj:P:ci, *, *, *, allow',
      'p, proj:P:ci, applications, *, */*, allow',
      'p, proj:P:ci, applications, sync, P/*, allow',
    ];
    expect(can(stored, 'projects', 'update', 'P')).toBe(false);
    expect(can(stored, 'projects', 'delete', 'P')).toBe(false);
    expect(can(stored, 'accounts', 'update', 'admin')).toBe(false);
    expect(can(stored, 'applications', 'sync', 'Q/app')).toBe(false);
    expect(can(stored, 'applications', 'delete', 'P/app')).toBe(false);
    expect(can(stored, 'applications', 'sync', 'P/app')).toBe(true);
    // Argo CD gives every project role `get` on its own project, and only that.
    expect(can([], 'projects', 'get', 'P')).toBe(true);
    expect(can([], 'projects', 'get', 'Q')).toBe(false);
  });
});
