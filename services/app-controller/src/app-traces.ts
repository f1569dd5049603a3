import type { Context } from '@opentelemetry/api';
import { HealthStatusCode } from '@fjord/health';
import { contextOfTraceparent } from '@fjord/platform';
import { SyncStatus } from '@fjord/argo';

/** Settings of AppTraces. */
export interface AppTracesOptions {
  /** A trace not finished after this long (ms) is dropped: the next spans of the app start traces of their own. */
  maxAgeMs: number;
}

/** What one reconcile found, as far as the end of a trace is concerned. */
export interface AppOutcome {
  syncStatus?: string;
  healthStatus?: string;
  revision?: string;
  operationRunning: boolean;
}

interface AppTrace {
  traceparent: string;
  parent: Context;
  openedAt: number;
  /** The revision the trace is about: the first one compared after it opened. */
  revision?: string;
  /** Finished or dropped; kept so that the same traceparent, still on a stale copy of the app, is not adopted again. */
  ended: boolean;
}

const DEFAULTS: AppTracesOptions = { maxAgeMs: 5 * 60_000 };

/**
 * The traces that apps are in, from commit to healthy: a webhook's traceparent (from the app's annotation) opens
 * one, and every reconcile and sync step of that app runs as its child until the app is Synced and Healthy at
 * the revision compared first. Kept in memory only: a restarted controller ends every open trace (the app's
 * later spans start traces of their own), which costs observability, never correctness.
 */
export class AppTraces {
  private readonly traces = new Map<string, AppTrace>();
  private readonly options: AppTracesOptions;

  constructor(options: Partial<AppTracesOptions> = {}) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Opens the trace a traceparent names for the app; the value it had already is ignored, a new one replaces it. */
  adopt(key: string, traceparent: string | undefined, nowMs: number): void {
    if (!traceparent || this.traces.get(key)?.traceparent === traceparent) return;
    const parent = contextOfTraceparent(traceparent);
    if (parent) this.traces.set(key, { traceparent, parent, openedAt: nowMs, ended: false });
  }

  /** The context the app's next span runs in; undefined when it has no trace open, or only a stale one. */
  parent(key: string, nowMs: number): Context | undefined {
    const t = this.traces.get(key);
    if (!t || t.ended) return undefined;
    if (nowMs - t.openedAt <= this.options.maxAgeMs) return t.parent;
    t.ended = true;
    return undefined;
  }

  /**
   * Takes one reconcile's outcome into account: the first revision compared becomes the trace's; returns true, and
   * ends the trace, when the app is Synced and Healthy at that revision with no operation running.
   */
  settle(key: string, outcome: AppOutcome): boolean {
    const t = this.traces.get(key);
    if (!t || t.ended) return false;
    t.revision ??= outcome.revision || undefined;
    t.ended =
      outcome.syncStatus === SyncStatus.Synced &&
      outcome.healthStatus === HealthStatusCode.Healthy &&
      outcome.revision === t.revision &&
      !outcome.operationRunning;
    return t.ended;
  }

  /** Forgets the app (it was deleted). */
  forget(key: string): void {
    this.traces.delete(key);
  }
}
