import { parseBackoffDuration, type RetryStrategy } from '@fjord/argo';

/** Argo CD's defaults for `retry.backoff`. */
export const DEFAULT_RETRY_BACKOFF = { duration: '5s', factor: 2, maxDuration: '3m' } as const;

/** The delay before retry number `retryCount` (0-based): duration × factor^retryCount, capped by maxDuration. */
export function retryDelay(retry: RetryStrategy | undefined, retryCount: number): number {
  const duration = parseBackoffDuration(retry?.backoff?.duration || DEFAULT_RETRY_BACKOFF.duration);
  const maxDuration = parseBackoffDuration(retry?.backoff?.maxDuration || DEFAULT_RETRY_BACKOFF.maxDuration);
  const factor = retry?.backoff?.factor ?? DEFAULT_RETRY_BACKOFF.factor;
  const wait = duration * Math.pow(factor, retryCount);
  return maxDuration > 0 ? Math.min(maxDuration, wait) : wait;
}

/** When the next attempt may start: the last attempt's time plus retryDelay. */
export function nextRetryAt(retry: RetryStrategy | undefined, lastAttempt: Date, retryCount: number): Date {
  return new Date(lastAttempt.getTime() + retryDelay(retry, retryCount));
}

/** Whether a failed operation gets another attempt: only when not terminated and under the limit (negative = unlimited). */
export function shouldRetry(retry: RetryStrategy | undefined, retryCount: number, terminated = false): boolean {
  const limit = retry?.limit ?? 0;
  return !terminated && (limit < 0 || retryCount < limit);
}
