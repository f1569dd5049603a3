import { NotAllowedError, type Logger } from '@fjord/platform';
import { Enforcer, type RbacSettings } from '@fjord/rbac';
import type { Caller } from './caller';

/**
 * Answers "may this caller do this?" with the current RBAC policy. The policy is replaced whole when
 * `argocd-rbac-cm` changes; a policy that cannot be read is refused and the previous one stays in force.
 */
export class Authorizer {
  private enforcer = new Enforcer();

  constructor(private readonly logger: Logger) {}

  /** Loads new settings; returns false (and keeps the old policy) if they cannot be read. */
  update(settings: RbacSettings): boolean {
    try {
      this.enforcer = new Enforcer(settings);
      this.logger.info({ defaultRole: settings.defaultRole ?? '' }, 'RBAC policy loaded');
      return true;
    } catch (err) {
      this.logger.error({ err: (err as Error).message }, 'RBAC policy refused; keeping the previous one');
      return false;
    }
  }

  /** True when the caller may do `action` on `resource` object `object`. */
  can(caller: Caller, resource: string, action: string, object: string): boolean {
    return this.enforcer.enforce({
      subject: caller.subject,
      resource,
      action,
      object,
      extraRules: caller.projectRole?.rules,
      withDefaultRole: !caller.projectRole,
    }).allowed;
  }

  /** Throws NotAllowedError naming what was refused, as Argo CD words it. */
  check(caller: Caller, resource: string, action: string, object: string): void {
    if (!this.can(caller, resource, action, object)) {
      throw new NotAllowedError(`permission denied: ${resource}, ${action}, ${object}, sub: ${caller.subject}`);
    }
  }
}
