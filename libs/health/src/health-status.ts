/** Health codes as Argo CD names them; the closed vocabulary of every health assessment. */
export const HealthStatusCode = {
  Healthy: 'Healthy',
  Suspended: 'Suspended',
  Progressing: 'Progressing',
  Missing: 'Missing',
  Degraded: 'Degraded',
  Unknown: 'Unknown',
} as const;

/** One of the health codes. */
export type HealthStatusCode = (typeof HealthStatusCode)[keyof typeof HealthStatusCode];

/** The health of one resource (or an app): a code and, when the check has one, a human message. */
export interface HealthStatus {
  status: HealthStatusCode;
  message?: string;
}

/** Codes from most to least healthy; aggregation keeps the worst (Argo CD's order). */
export const HEALTH_ORDER: readonly HealthStatusCode[] = [
  HealthStatusCode.Healthy,
  HealthStatusCode.Suspended,
  HealthStatusCode.Progressing,
  HealthStatusCode.Missing,
  HealthStatusCode.Degraded,
  HealthStatusCode.Unknown,
];

/** Whether `next` is a worse health than `current` in Argo CD's order. */
export function isWorse(current: HealthStatusCode, next: HealthStatusCode): boolean {
  return HEALTH_ORDER.indexOf(next) > HEALTH_ORDER.indexOf(current);
}

/** Whether a string is one of the health codes (for statuses read from other objects, e.g. child apps). */
export function isHealthStatusCode(value: unknown): value is HealthStatusCode {
  return typeof value === 'string' && (HEALTH_ORDER as readonly string[]).includes(value);
}

/** Builds a HealthStatus, leaving out an empty message as Argo CD's JSON does. */
export function health(status: HealthStatusCode, message?: string): HealthStatus {
  return message ? { status, message } : { status };
}
