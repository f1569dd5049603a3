/** `syncPolicy.retry` / `operation.retry`. */
export interface RetryStrategy {
  /** Retries after a failure; 0 or absent means none, negative means unlimited. */
  limit?: number;
  backoff?: RetryBackoff;
  /** Retry with the latest revision instead of the one first synced. */
  refresh?: boolean;
}

/** `retry.backoff`: durations are Go durations or bare seconds. */
export interface RetryBackoff {
  duration?: string;
  factor?: number;
  maxDuration?: string;
}
