import type { ChangeEvent } from '@fjord/cluster-cache';

/** Where change events come from: the cluster cache's subscription. */
export interface ChangeSource {
  onChange(listener: (e: ChangeEvent) => void): () => void;
}

/** Why a wait on an {@link AppChangeSignal} ended. */
export const WakeReason = {
  /** A resource of the app (or one of its descendants) changed. */
  Changed: 'changed',
  /** Someone else needs the operation's attention now (it is being terminated). */
  Interrupted: 'interrupted',
  TimedOut: 'timed-out',
} as const;
/** One of {@link WakeReason}. */
export type WakeReason = (typeof WakeReason)[keyof typeof WakeReason];

/**
 * The cluster cache's change events of one app's resources, as a signal a waiting sync sleeps on instead of polling.
 * It listens from its creation, so a change that arrives while the sync is busy (applying a wave, deciding the next
 * step) is not lost: the next wait returns at once. Close it when the sync stops waiting.
 */
export class AppChangeSignal {
  private changed = false;
  private interrupted = false;
  private wake?: () => void;
  private readonly unsubscribe: () => void;

  constructor(source: ChangeSource, appName: string) {
    this.unsubscribe = source.onChange((e) => {
      if (!e.apps.includes(appName)) return;
      this.changed = true;
      this.wake?.();
    });
  }

  /** Ends the current wait (and every later one) with {@link WakeReason.Interrupted}. */
  interrupt(): void {
    this.interrupted = true;
    this.wake?.();
  }

  /** Waits for the first change since the last call (none: returns at once), an interruption, or `timeoutMs`. */
  async next(timeoutMs: number): Promise<WakeReason> {
    if (!this.changed && !this.interrupted && timeoutMs > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => this.wake?.(), timeoutMs);
        this.wake = () => {
          clearTimeout(timer);
          this.wake = undefined;
          resolve();
        };
      });
    }
    if (this.interrupted) return WakeReason.Interrupted;
    if (!this.changed) return WakeReason.TimedOut;
    this.changed = false;
    return WakeReason.Changed;
  }

  /** Stops listening; a wait in progress ends as timed out. */
  close(): void {
    this.unsubscribe();
    this.wake?.();
  }
}
