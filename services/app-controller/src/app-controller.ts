import { context, SpanStatusCode, trace } from '@opentelemetry/api';
import type { ResourceDiff } from '@fjord/diff';
import type { ClusterCache } from '@fjord/cluster-cache';
import { FjordError, type Logger } from '@fjord/platform';
import { isDeletionApproved } from '@fjord/sync';
import { runProcessors, WorkQueue, type HandlerResult } from '@fjord/workqueue';
import {
  appKey,
  ConditionType,
  OperationPhase,
  REFRESH_ANNOTATION,
  RefreshType,
  ResourcesFinalizer,
  SyncStatus,
  TRACEPARENT_ANNOTATION,
  type Application,
  type ApplicationStatus,
} from '@fjord/argo';
import { deleteAppResources } from './app-finalizer';
import type { AppStore, AppEvent } from './app-store';
import { EventReason, type AppEvents } from './app-events';
import { AppTraces } from './app-traces';
import { isMultiSource } from './app-sources';
import { decideAutoSync, type SelfHealRecord } from './auto-sync';
import type { AppComparer, RenderedApp } from './app-comparison';
import type { AppWriter } from './app-writer';
import type { OperationRunner } from './operation-runner';
import type { ControllerMetrics } from './controller-metrics';
import type { DryRunner } from './dry-run';
import { COMPARISON_FIELDS, nextStatus, statusChanged, type ReconcileOutcome } from './status';

/** Settings of the controller; defaults in the service's options. */
export interface ControllerOptions {
  /** Namespaces whose Applications are served, or 'all'. */
  namespaces: string[] | 'all';
  statusProcessors: number;
  operationProcessors: number;
  /** Periodic refresh of every app, in ms, with up to `resyncJitter` (0..1) of it added at random. */
  resyncMs: number;
  resyncJitter: number;
}

/** The controller's collaborators, built by the service's composition root (service.ts) and passed in. */
export interface AppControllerDeps {
  /** The live state of the cluster. */
  cache: ClusterCache;
  /** The watch of the Applications served. */
  store: AppStore;
  /** Writes app status and patches apps. */
  apps: AppWriter;
  /** Dry runs of desired objects (counted in stats). */
  dryRun: DryRunner;
  /**
   * Renders and compares for both the status path and sync operations; its memo holds the last comparison of each
   * app, reused while nothing it read has changed (a resync of an unchanged app diffs nothing).
   */
  comparer: AppComparer;
  /** Runs sync operations; its writer also serves the resources finalizer. */
  runner: OperationRunner;
  events: AppEvents;
  logger: Logger;
  metrics: ControllerMetrics;
}

const IN_CLUSTER = new Set(['https://kubernetes.default.svc', 'https://kubernetes.default.svc/']);
const tracer = trace.getTracer('fjord-app-controller');

/**
 * The reconcile loop of part 1: watches Applications and the live cluster, and for each app key taken off the
 * status queue re-reads the app, renders (repo-server), compares (cluster cache, dry runs, diff, health) and writes
 * the status only when it changed. Refresh triggers: spec changes, the refresh annotation, changes of managed
 * resources (that app only), and a jittered periodic resync. An app refreshed by a webhook carries the webhook's
 * trace (AppTraces): its reconciles and sync steps join it until it is Synced and Healthy ('app.healthy').
 */
export class AppController {
  readonly statusQueue: WorkQueue;
  readonly operationQueue: WorkQueue;
  private readonly cache: ClusterCache;
  private readonly runner: OperationRunner;
  private readonly events: AppEvents;
  private readonly selfHeal = new Map<string, SelfHealRecord>();
  private operationProcessors?: Promise<void>;
  private readonly store: AppStore;
  private readonly apps: AppWriter;
  private readonly dryRun: DryRunner;
  private readonly logger: Logger;
  private readonly metrics: ControllerMetrics;
  private readonly hardRefresh = new Set<string>();
  private readonly traces = new AppTraces();
  private processors?: Promise<void>;
  private reconciled = 0;
  /** See {@link AppControllerDeps.comparer}. */
  private readonly comparer: AppComparer;
  private unsubscribe?: () => void;

  constructor(
    deps: AppControllerDeps,
    private readonly options: ControllerOptions,
  ) {
    this.cache = deps.cache;
    this.store = deps.store;
    this.apps = deps.apps;
    this.dryRun = deps.dryRun;
    this.comparer = deps.comparer;
    this.runner = deps.runner;
    this.events = deps.events;
    this.logger = deps.logger;
    const metrics = (this.metrics = deps.metrics);
    const observer = (queue: string) => ({
      depth: (n: number) => metrics.queueDepth.set({ queue }, n),
      waited: (ms: number) => metrics.queueLatency.observe({ queue }, ms / 1000),
    });
    this.statusQueue = new WorkQueue({ observer: observer('status') });
    this.operationQueue = new WorkQueue({ observer: observer('operation') });
  }

  /** Starts the cluster cache, the Application watch and the status processors. */
  async start(): Promise<void> {
    await this.cache.start();
    this.unsubscribe = this.cache.onChange((e) => {
      for (const name of e.apps) {
        for (const app of this.store.named(name)) {
          this.statusQueue.add(appKey(app));
          if (app.operation) this.operationQueue.add(appKey(app));
        }
      }
    });
    await this.store.start((e) => this.onAppEvent(e));
    this.processors = runProcessors(
      this.statusQueue,
      this.options.statusProcessors,
      (key) => this.reconcile(key),
      (key, err) => this.logger.error({ app: key, err: (err as Error)?.message }, 'reconcile failed'),
    );
    this.operationProcessors = runProcessors(
      this.operationQueue,
      this.options.operationProcessors,
      async (key) => {
        if (!this.store.get(key)?.operation) return undefined;
        const app = await this.store.read(key); // not the watch's copy: it may predate the end of the last step
        if (!app) return undefined;
        return context.with(this.traces.parent(key, Date.now()) ?? context.active(), () => this.runner.run(structuredClone(app)));
      },
      (key, err) => this.logger.error({ app: key, err: (err as Error)?.message }, 'sync operation step failed'),
    );
  }

  /** Stops the processors and watches. */
  async stop(): Promise<void> {
    this.statusQueue.shutdown();
    this.operationQueue.shutdown();
    await this.processors;
    await this.operationProcessors;
    this.unsubscribe?.();
    await this.store.stop();
    await this.cache.stop();
  }

  /** The app's resource tree (managed resources and their descendants), undefined when the app is unknown. */
  tree(key: string) {
    const app = this.store.get(key);
    return app ? this.cache.tree(app.metadata.name) : undefined;
  }

  /** The app's resources with diffs from its last comparison (Secret values redacted by the diff engine). */
  managedResources(key: string): ResourceDiff[] | undefined {
    return this.comparer.memo.latest(key)?.resources;
  }

  /** Queues a refresh of one app; false when unknown. */
  refresh(key: string, hard: boolean): boolean {
    if (!this.store.get(key)) return false;
    if (hard) this.hardRefresh.add(key);
    this.statusQueue.add(key);
    return true;
  }

  /** Queues every app for a refresh now (what the periodic resync does, all at once). */
  refreshAll(): void {
    for (const app of this.store.list()) this.statusQueue.add(appKey(app));
  }

  /** Counters for tests and benchmarks. */
  stats() {
    return {
      reconciles: this.reconciled,
      statusWrites: this.apps.writes,
      dryRuns: this.dryRun.requests,
      comparisonsReused: this.comparer.memo.hits,
      apps: this.store.list().length,
      clusterWrites: this.runner.writer.writes,
    };
  }

  private onAppEvent(e: AppEvent): void {
    const key = appKey(e.app);
    if (e.type === 'delete') {
      this.metrics.appInfo.remove({ namespace: e.app.metadata.namespace, name: e.app.metadata.name });
      this.traces.forget(key);
      this.comparer.memo.forget(key);
      this.runner.forget(key);
      return;
    }
    const annotations = e.app.metadata.annotations ?? {};
    const refresh = annotations[REFRESH_ANNOTATION];
    if (refresh === RefreshType.Hard) this.hardRefresh.add(key);
    const specChanged = !e.previous || JSON.stringify(e.previous.spec) !== JSON.stringify(e.app.spec);
    if (specChanged || refresh || annotations[TRACEPARENT_ANNOTATION] || e.app.metadata.deletionTimestamp) this.statusQueue.add(key);
    if (e.app.operation) this.operationQueue.add(key);
    // marked Terminating by the API: a sync waiting in place stops waiting, and its next turn terminates it
    if (e.app.status?.operationState?.phase === OperationPhase.Terminating) this.runner.interrupt(key);
    // An operation that just ended changes what auto-sync decides: look again.
    if (!e.app.operation && e.previous?.operation) this.statusQueue.add(key);
  }

  /** Reconciles one app; returns when to look at it again. */
  async reconcile(key: string): Promise<HandlerResult> {
    const app = this.store.get(key);
    if (!app) return;
    if (app.metadata.deletionTimestamp) return this.finalizeDeletion(app);
    const end = this.metrics.reconcileDuration.startTimer();
    const annotations = app.metadata.annotations ?? {};
    this.traces.adopt(key, annotations[TRACEPARENT_ANNOTATION], Date.now());
    const parent = this.traces.parent(key, Date.now()) ?? context.active();
    return tracer.startActiveSpan('reconcile', { attributes: { 'fjord.app': key } }, parent, async (span) => {
      try {
        const refreshRequested = annotations[REFRESH_ANNOTATION] !== undefined;
        const hard = this.hardRefresh.delete(key) || annotations[REFRESH_ANNOTATION] === RefreshType.Hard;
        const outcome = await this.compare(app, hard, refreshRequested);
        span.setAttribute('fjord.outcome', outcome.kind);
        const now = new Date().toISOString().replace(/\.\d+Z$/, 'Z');
        const status = nextStatus(app, outcome, now);
        // The status (on /status), the refresh clean-up and an automated sync (on the app) are independent writes:
        // they go out together, so a drift is repaired a round trip sooner.
        const writes: Promise<unknown>[] = [];
        if (statusChanged(app.status, status) || refreshRequested || !app.status?.reconciledAt) {
          status.reconciledAt = now;
          status.observedAt = now;
          writes.push(this.apps.writeStatus(app, status, COMPARISON_FIELDS).then(() => this.metrics.kubeRequests.inc({ request: 'status-patch' })));
        }
        if (refreshRequested || annotations[TRACEPARENT_ANNOTATION] !== undefined) writes.push(this.clearRefresh(app));
        this.settleTrace(key, app, status);
        const later = outcome.kind === 'compared' ? this.autoSync(key, { ...app, status }, outcome) : Promise.resolve(undefined);
        const [delay] = await allOrFirstError([later, ...writes]);
        if (delay !== undefined) return { requeueAfterMs: delay as number };
        this.metrics.appInfo.set(
          {
            namespace: app.metadata.namespace,
            name: app.metadata.name,
            project: app.spec.project ?? 'default',
            sync_status: status.sync?.status ?? '',
            health_status: status.health?.status ?? '',
          },
          1,
        );
        this.metrics.reconciles.inc({ outcome: outcome.kind });
        this.reconciled++;
        return { requeueAfterMs: this.options.resyncMs * (1 + Math.random() * this.options.resyncJitter) };
      } catch (err) {
        span.setStatus({ code: SpanStatusCode.ERROR, message: (err as Error).message });
        this.metrics.reconciles.inc({ outcome: 'error' });
        throw err;
      } finally {
        end();
        span.end();
      }
    });
  }

  private async compare(app: Application, hard: boolean, freshRevision: boolean): Promise<ReconcileOutcome> {
    const invalid = validateSpec(app);
    if (invalid) return { kind: 'failed', conditionType: ConditionType.InvalidSpecError, message: invalid };
    let rendered: RenderedApp;
    try {
      rendered = await this.comparer.render(app, { hard, freshRevision });
    } catch (err) {
      const message = err instanceof FjordError ? err.message : `failed to generate manifests: ${(err as Error).message}`;
      return { kind: 'failed', conditionType: ConditionType.ComparisonError, message };
    }
    const { comparison, revision, revisions, sourceType } = await this.comparer.compareRendered(app, rendered, { hard });
    return { kind: 'compared', comparison, revision, revisions, sourceType };
  }

  /**
   * Deletion of an app with Argo CD's `resources-finalizer.argocd.argoproj.io` (or its `/foreground`,
   * `/background` forms): deletes every resource the app tracks (but those marked `Delete=false`), waits until
   * they are gone, then removes the finalizer so the app goes too. Without the finalizer resources stay. Which
   * resources are deleted is @fjord/sync's decideAppDeletion (`Delete=false` keeps, `Delete=confirm` waits for the
   * app's `argocd.argoproj.io/deletion-approved` at or after its deletionTimestamp).
   */
  private async finalizeDeletion(app: Application): Promise<HandlerResult> {
    const finalizers = app.metadata.finalizers ?? [];
    const ours = finalizers.find((f) => f === ResourcesFinalizer.Foreground || f.startsWith(`${ResourcesFinalizer.Foreground}/`));
    if (!ours) return;
    const propagationPolicy = ours === ResourcesFinalizer.Background ? 'Background' : 'Foreground';
    const approved = isDeletionApproved(app.metadata.annotations, String(app.metadata.deletionTimestamp));
    const pending = await deleteAppResources(this.cache.managedBy(app.metadata.name), this.runner.writer, { approved, propagationPolicy });
    if (pending > 0) return { requeueAfterMs: 500 };
    await this.apps.patch(app, { metadata: { finalizers: finalizers.filter((f) => f !== ours), resourceVersion: app.metadata.resourceVersion } });
    return;
  }

  /** Starts an automated sync when the policy says so; returns a delay when self-heal must back off. */
  private async autoSync(key: string, app: Application, outcome: Extract<ReconcileOutcome, { kind: 'compared' }>): Promise<number | undefined> {
    if (outcome.comparison.syncStatus === SyncStatus.Synced) this.selfHeal.delete(key);
    const target = isMultiSource(app) ? { revision: outcome.revision, revisions: outcome.revisions } : { revision: outcome.revision };
    const decision = decideAutoSync(app, outcome.comparison, target, this.selfHeal.get(key), Date.now());
    if (decision.kind === 'later') return decision.afterMs;
    if (decision.kind === 'skip') this.logger.debug({ app: key, reason: decision.reason }, 'skipping auto-sync');
    if (decision.kind !== 'sync') return undefined;
    let selfHealEvent: Promise<void> | undefined; // written beside the operation, not before it
    if (decision.selfHeal) {
      const prev = this.selfHeal.get(key);
      this.selfHeal.set(key, { count: (prev?.count ?? 0) + 1, lastAt: Date.now() });
      const drift = outcome.comparison.resources
        .filter((r) => r.status === SyncStatus.OutOfSync)
        .map((r) => {
          const who = r.drift[0]?.managers[0];
          return `${r.kind}/${r.name}${r.normalizedLive ? '' : ' (deleted)'}${who ? ` changed by ${who.manager}` : ''}`;
        });
      selfHealEvent = this.events.record(app, EventReason.SelfHeal, `self-heal: repairing ${drift.join(', ')}`, 'Warning');
    }
    await this.apps.patch(app, { operation: decision.operation });
    await selfHealEvent;
    this.metrics.kubeRequests.inc({ request: 'auto-sync' });
    return undefined;
  }

  /** Ends the app's webhook trace with an 'app.healthy' span once it is Synced and Healthy at the trace's revision. */
  private settleTrace(key: string, app: Application, status: ApplicationStatus): void {
    const revision = status.sync?.revision;
    const operationRunning = app.operation !== undefined;
    if (!this.traces.settle(key, { syncStatus: status.sync?.status, healthStatus: status.health?.status, revision, operationRunning })) return;
    tracer.startSpan('app.healthy', { attributes: { 'fjord.app': key, 'fjord.revision': revision ?? '' } }).end();
  }

  /** Removes the refresh request and the trace context that came with it, once the refresh is done. */
  private async clearRefresh(app: Application): Promise<void> {
    await this.apps.patch(app, { metadata: { annotations: { [REFRESH_ANNOTATION]: null, [TRACEPARENT_ANNOTATION]: null } } });
    this.metrics.kubeRequests.inc({ request: 'refresh-annotation-patch' });
  }
}

/** A reason the spec cannot be compared, or undefined when it can. */
export function validateSpec(app: Application): string | undefined {
  const source = app.spec.sources?.[0] ?? app.spec.source;
  if (!source?.repoURL) return 'spec.source.repoURL is required';
  const dest = app.spec.destination;
  if (!dest || (!dest.server && !dest.name)) return 'spec.destination.server or spec.destination.name is required';
  if (dest.server && !IN_CLUSTER.has(dest.server)) {
    return `cluster ${dest.server} is not configured: only the cluster Fjord runs in (https://kubernetes.default.svc) is supported yet`;
  }
  if (dest.name && dest.name !== 'in-cluster') return `cluster "${dest.name}" is not configured: only "in-cluster" is supported yet`;
  return undefined;
}

/** Like Promise.all, but waits for every promise to settle before rethrowing the first failure. */
async function allOrFirstError(promises: Promise<unknown>[]): Promise<unknown[]> {
  const settled = await Promise.allSettled(promises);
  const failed = settled.find((r): r is PromiseRejectedResult => r.status === 'rejected');
  if (failed) throw failed.reason;
  return settled.map((r) => (r as PromiseFulfilledResult<unknown>).value);
}
