export { Effect, parsePolicyCsv, mergePolicies, PolicyParseError, type Policy, type PolicyRule, type RoleGrant } from './policy';
export { Resource } from './resource';
export { Action } from './action';
export { BuiltinRole, BUILTIN_POLICY_CSV } from './builtin-policy';
export { Enforcer, projectRoleSubject, projectRoleRules, type AccessRequest, type AccessDecision, type RbacSettings } from './enforcer';
