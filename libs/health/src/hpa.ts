import type { KubeObject } from '@fjord/k8s-yaml';
import { health, HealthStatusCode as H, type HealthStatus } from './health-status';
import { annotations, conditions, versionOf, type Condition } from './object';

/** Annotation in which autoscaling/v1 HPAs carry their conditions. */
const V1_CONDITIONS_ANNOTATION = 'autoscaling.alpha.kubernetes.io/conditions';

const waiting = (): HealthStatus => health(H.Progressing, 'Waiting to Autoscale');

/** Reasons of the AbleToScale condition that mean the autoscaler cannot read or change its target's scale. */
const CANNOT_SCALE = new Set(['FailedGetScale', 'FailedUpdateScale']);

/** Reasons of the ScalingActive condition that mean the autoscaler cannot compute a replica count. */
const CANNOT_COMPUTE = new Set([
  'FailedGetResourceMetric',
  'FailedGetObjectMetric',
  'FailedGetPodsMetric',
  'FailedGetExternalMetric',
  'FailedComputeMetricsReplicas',
  'InvalidSelector',
]);

/** Condition type → the reasons that mean the autoscaler cannot work. */
const degradedReasons: Record<string, ReadonlySet<string>> = { AbleToScale: CANNOT_SCALE, ScalingActive: CANNOT_COMPUTE };

function fromConditions(conds: Condition[]): HealthStatus {
  const degraded = conds.find((c) => degradedReasons[c.type ?? '']?.has(c.reason ?? ''));
  if (degraded) return health(H.Degraded, degraded.message);
  const healthy = conds.find((c) => (c.type === 'AbleToScale' || c.type === 'ScalingLimited') && c.status === 'True');
  if (healthy) return health(H.Healthy, healthy.message);
  return waiting();
}

/** Health of a HorizontalPodAutoscaler (autoscaling/v1 via its conditions annotation, v2 via status.conditions). */
export function hpaHealth(obj: KubeObject): HealthStatus {
  if (versionOf(obj) !== 'v1') return fromConditions(conditions(obj));
  const raw = annotations(obj)[V1_CONDITIONS_ANNOTATION];
  if (raw === undefined) return waiting();
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch (err) {
    return health(H.Unknown, `failed to convert conditions annotation to typed: ${(err as Error).message}`);
  }
  if (!Array.isArray(parsed) || parsed.length === 0) return waiting();
  return fromConditions(parsed as Condition[]);
}
