import { Enforcer, projectRoleRules } from './enforcer';
import { PolicyParseError } from './policy';

const csv = `
# developers may sync apps of proj-a
p, role:dev, applications, sync, proj-a/*, allow
p, role:dev, applications, get, proj-a/*, allow
p, role:dev, applications, sync, proj-a/frozen, deny
g, alice, role:dev
g, team-lead, role:dev
g, bob, team-lead
`;

describe('Enforcer', () => {
  const enforcer = new Enforcer({ policyCsv: csv, defaultRole: 'role:readonly' });
  const can = (subject: string, action: string, object: string, resource = 'applications') => enforcer.enforce({ subject, resource, action, object }).allowed;

  it('grants a role to its members, transitively', () => {
    expect(can('alice', 'sync', 'proj-a/web')).toBe(true);
    expect(can('bob', 'sync', 'proj-a/web')).toBe(true);
    expect(can('alice', 'sync', 'proj-b/web')).toBe(false);
  });

  it('lets a deny rule win over an allow', () => {
    expect(can('alice', 'sync', 'proj-a/frozen')).toBe(false);
  });

  it('gives everyone the default role, and the admin account role:admin', () => {
    expect(can('carol', 'get', 'proj-b/web')).toBe(true);
    expect(can('carol', 'sync', 'proj-b/web')).toBe(false);
    expect(can('carol', 'get', 'proj-b', 'projects')).toBe(true);
    expect(can('admin', 'delete', 'proj-b/web')).toBe(true);
    expect(can('admin', 'create', 'proj-b', 'projects')).toBe(true);
  });

  it('gives nothing without a default role', () => {
    expect(new Enforcer({ policyCsv: csv }).enforce({ subject: 'carol', resource: 'applications', action: 'get', object: 'p/a' }).allowed).toBe(false);
  });

  it('rejects lines it cannot read, naming them', () => {
    expect(() => new Enforcer({ policyCsv: 'p, role:x, applications' })).toThrow(PolicyParseError);
    expect(() => new Enforcer({ policyCsv: 'x, a, b' })).toThrow(/policy line 1/);
  });

  it('confines project role policies to their project', () => {
    const rules = projectRoleRules('proj-a', 'ci', [
      'p, proj:proj-a:ci, applications, sync, proj-a/*, allow',
      'p, proj:proj-a:ci, applications, sync, proj-b/*, allow',
    ]);
    expect(rules).toHaveLength(1);
    const request = { subject: 'proj:proj-a:ci', resource: 'applications', action: 'sync', extraRules: rules, withDefaultRole: false };
    expect(enforcer.enforce({ ...request, object: 'proj-a/web' }).allowed).toBe(true);
    expect(enforcer.enforce({ ...request, object: 'proj-b/web' }).allowed).toBe(false);
    expect(enforcer.enforce({ ...request, action: 'get', object: 'proj-a/web' }).allowed).toBe(false);
  });
});
