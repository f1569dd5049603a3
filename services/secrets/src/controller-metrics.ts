import { Counter, Gauge, type Registry } from 'prom-client';

/** Why an unseal was counted as an error (upstream's label values). */
export const UnsealErrorReason = {
  Fetch: 'fetch',
  Unseal: 'unseal',
  Update: 'update',
  Unmanaged: 'unmanaged',
  Status: 'status',
} as const;
/** One of {@link UnsealErrorReason}. */
export type UnsealErrorReason = (typeof UnsealErrorReason)[keyof typeof UnsealErrorReason];

/** The controller's metrics, with upstream's names so that existing dashboards and alerts keep working. */
export interface ControllerMetrics {
  unsealRequests: Counter;
  unsealErrors: Counter<'reason' | 'namespace'>;
  conditionInfo: Gauge<'namespace' | 'name' | 'condition'>;
  keys: Gauge;
}

/** Registers the controller metrics (`sealed_secrets_controller_*`) in the service's registry. */
export function createControllerMetrics(registry: Registry): ControllerMetrics {
  const prefix = 'sealed_secrets_controller_';
  return {
    unsealRequests: new Counter({ name: `${prefix}unseal_requests_total`, help: 'SealedSecrets unseal attempts.', registers: [registry] }),
    unsealErrors: new Counter({
      name: `${prefix}unseal_errors_total`,
      help: 'SealedSecrets unseal errors, by reason and namespace.',
      labelNames: ['reason', 'namespace'] as const,
      registers: [registry],
    }),
    conditionInfo: new Gauge({
      name: `${prefix}condition_info`,
      help: 'Condition of each SealedSecret: 1 True, 0 False, -1 Unknown.',
      labelNames: ['namespace', 'name', 'condition'] as const,
      registers: [registry],
    }),
    keys: new Gauge({ name: 'fjord_secrets_sealing_keys', help: 'Sealing keys the service holds.', registers: [registry] }),
  };
}
