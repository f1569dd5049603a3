import type { Authenticator } from './authenticator';

/** How often an open stream checks that its session is still good (logged out, account disabled, expired). */
export const SESSION_RECHECK_MS = 5_000;

/** A running check; `stop` ends it (when the stream closes on its own). */
export interface SessionGuard {
  stop(): void;
}

/**
 * Keeps checking the token a long-lived stream was opened with, and calls `onRefused` with the reason once the
 * token is no longer accepted: an event stream ends with its session, as every request does.
 */
export function guardSession(
  authenticator: Authenticator,
  token: string | undefined,
  onRefused: (message: string) => void,
  everyMs = SESSION_RECHECK_MS,
): SessionGuard {
  let ended = false;
  const timer = setInterval(() => {
    authenticator.authenticate(token).then(
      () => undefined,
      (err: unknown) => {
        if (ended) return;
        ended = true;
        clearInterval(timer);
        onRefused((err as Error)?.message ?? String(err));
      },
    );
  }, everyMs);
  timer.unref();
  return {
    stop() {
      ended = true;
      clearInterval(timer);
    },
  };
}
