import { metricsOn } from '@fjord/platform';
import type { Counter, Gauge, Registry } from 'prom-client';

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
  const metric = metricsOn(registry);
  return {
    unsealRequests: metric.counter(`${prefix}unseal_requests_total`, 'SealedSecrets unseal attempts.'),
    unsealErrors: metric.counter(`${prefix}unseal_errors_total`, 'SealedSecrets unseal errors, by reason and namespace.', ['reason', 'namespace']),
    conditionInfo: metric.gauge(`${prefix}condition_info`, 'Condition of each SealedSecret: 1 True, 0 False, -1 Unknown.', ['namespace', 'name', 'condition']),
    keys: metric.gauge('fjord_secrets_sealing_keys', 'Sealing keys the service holds.'),
  };
}
