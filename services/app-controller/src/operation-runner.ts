import { setTimeout as sleep } from 'node:timers/promises';
import { isDeepStrictEqual } from 'node:util';
import { trace } from '@opentelemetry/api';
import type { ClusterCache } from '@fjord/cluster-cache';
import type { KubeObject } from '@fjord/k8s-yaml';
import { FjordError, inSpan, type Logger } from '@fjord/platform';
import {
  appendHistory,
  checkProject,
  decideRetry,
  endOperation,
  isDeletionApproved,
  isRetryPending,
  newOperationState,
  OperationPhase,
  resultsFromResources,
  startRetry,
  StepKind,
  withStep,
  type AppProjectSpec,
  type OperationState,
  type RetryStrategy,
  type SyncTask,
  type TaskResults,
} from '@fjord/sync';
import type { HandlerResult } from '@fjord/workqueue';
import { appKey, type Application } from './application';
import { EventReason, type AppEvents } from './app-events';
import type { AppComparer, AppComparison } from './app-comparison';
import { appSources, isMultiSource } from './app-sources';
import type { AppWriter } from './app-writer';
import type { ClusterWriter } from './cluster-writer';
import type { KubeClient } from './kube-client';
import { isNotFound, kubeErrorMessage } from './object-request-error';
import { planOperation, type OperationSync } from './operation-plan';
import type { StepExecutor } from './step-executor';

/** `app.operation` as Argo CD writes it (sync operations only). */
interface OperationSpec {
  sync?: OperationSync;
  initiatedBy?: { username?: string; automated?: boolean };
  retry?: RetryStrategy;
}

/** The runner's collaborators, built by the service's composition root (service.ts) and passed in. */
export interface OperationRunnerDeps {
  /** The live state (and discovery) the plan is made against. */
  cache: ClusterCache;
  /** The render-and-compare pipeline, shared with the status path (and its memo). */
  comparer: AppComparer;
  /** Where the runner's cluster writes go: the process's KubeClient (a recording or in-memory writer in tests). */
  writer: ClusterWriter;
  /** Carries out the steps @fjord/sync decides, through `writer`. */
  executor: StepExecutor;
  /** Writes the app's operation state and clears its operation. */
  apps: AppWriter;
  /** Reads the app's AppProject. */
  objects: Pick<KubeClient, 'get'>;
  events: AppEvents;
  logger: Logger;
}

const now = () => new Date();
const tracer = trace.getTracer('fjord-app-controller');


/** How long a sync step waits in place for resources to become healthy before it yields its processor. */
const INLINE_WAIT_MS = 2000;
const INLINE_POLL_MS = 25;

/**
 * Whether `app.operation` was written after `state` finished: then it is a new request, even if it asks for the
 * same thing (a second "sync" of the same revision), not the finished operation waiting to be cleared. The time
 * comes from the managedFields entry that owns `operation` (second precision).
 */
function setAfterFinish(app: Application, state: OperationState): boolean {
  if (!state.finishedAt) return false;
  const entries = ((app.metadata as { managedFields?: { time?: string; fieldsV1?: Record<string, unknown> }[] }).managedFields ?? []).filter(
    (m) => m.fieldsV1 && 'f:operation' in m.fieldsV1 && m.time,
  );
  const setAt = Math.max(...entries.map((m) => Date.parse(m.time!)), 0);
  return setAt > Date.parse(state.finishedAt);
}

/**
 * Runs an Application's sync operation one step at a time, persisting `status.operationState` after each wave so
 * that a restarted controller resumes it: render, check the AppProject, plan (phases, waves, hooks, prune), apply
 * with server-side apply, wait for health and hooks between waves, record history, clear `operation`. Each step
 * is a span ('sync', with a 'sync.apply' per wave applied) of the active trace.
 */
export class OperationRunner {
  /** Every write this runner (and the app finalizer) makes to the cluster goes through it. */
  readonly writer: ClusterWriter;
  private readonly cache: ClusterCache;
  private readonly comparer: AppComparer;
  private readonly executor: StepExecutor;
  private readonly apps: AppWriter;
  private readonly objects: Pick<KubeClient, 'get'>;
  private readonly events: AppEvents;
  private readonly logger: Logger;

  constructor(deps: OperationRunnerDeps) {
    this.writer = deps.writer;
    this.cache = deps.cache;
    this.comparer = deps.comparer;
    this.executor = deps.executor;
    this.apps = deps.apps;
    this.objects = deps.objects;
    this.events = deps.events;
    this.logger = deps.logger;
  }

  /** Advances the app's operation; returns when to look again. */
  async run(app: Application): Promise<HandlerResult> {
    const op = app.operation as OperationSpec | undefined;
    if (!op?.sync || app.metadata.deletionTimestamp) return;
    return inSpan(tracer, 'sync', { 'fjord.app': appKey(app), 'fjord.revision': op.sync.revision ?? '' }, () => this.runStep(app, op));
  }

  private async runStep(app: Application, op: OperationSpec): Promise<HandlerResult> {
    let state = app.status?.operationState as OperationState | undefined;
    const current = state !== undefined && isDeepStrictEqual(state.operation, op) && !setAfterFinish(app, state);
    if (current && state!.phase !== OperationPhase.Running) return this.clearOperation(app);
    let started: Promise<void> | undefined; // the Event is written while the sync goes on
    if (!current) {
      state = newOperationState(op as Record<string, unknown>, now());
      started = this.events.record(app, EventReason.OperationStarted, `Sync operation to ${op.sync!.revision || op.sync!.revisions?.join(', ') || app.spec.source?.targetRevision || 'HEAD'} started`);
    } else if (isRetryPending(state!)) {
      const next = startRetry(state!, op.retry, now());
      if ('waitMs' in next) return { requeueAfterMs: next.waitMs };
      state = next.state;
    }
    try {
      return await this.advance(app, op, state!);
    } catch (err) {
      const message = err instanceof FjordError ? err.message : kubeErrorMessage(err);
      return this.finish(app, op, decideRetry(endOperation(state!, OperationPhase.Error, message, now()), op.retry, now()), undefined);
    } finally {
      await started;
    }
  }

  private async advance(app: Application, op: OperationSpec, state: OperationState): Promise<HandlerResult> {
    // the same pipeline as the status path: every source, at the operation's revisions; a still-valid comparison reused
    const compared = await this.comparer.compare(app, { override: op.sync });
    const { comparison, revision } = compared;
    const isNamespaced = (g: string, k: string) => this.cache.resourceInfo(g, k)?.namespaced;
    const violations = await this.projectViolations(app, comparison.desired);
    if (violations.length) {
      return this.finish(app, op, endOperation(state, OperationPhase.Failed, violations.join('; '), now()), undefined);
    }
    const plan = planOperation({ app, sync: op.sync!, comparison, revision, startedAt: state.startedAt, live: this.cache, isNamespaced });
    const multiSource = isMultiSource(app) ? { revisions: compared.revisions, sources: compared.sources } : {};
    state = { ...state, syncResult: { ...state.syncResult, revision, ...multiSource } as OperationState['syncResult'] };
    let results: TaskResults = resultsFromResources(state.syncResult?.resources);
    let waitedInline = 0;
    let unsaved = false; // a wave's results not yet persisted: saved before the next wave, a wait or the end
    const ctx = {
      pruneConfirmed: isDeletionApproved(app.metadata.annotations, state.startedAt),
      beforeApply: async () => {
        if (unsaved) await this.persist(app, state);
      },
    };
    for (let i = 0; i < 200; i++) {
      const taken = await this.executor.step(plan, results, ctx);
      const step = taken.step;
      results = taken.results;
      if (step.kind === StepKind.Apply) {
        state = withStep(state, { ...step, results }, now());
        unsaved = true;
        // hooks are created under generated names: their creation is saved at once, or a restart would repeat them
        if (step.tasks.some((t) => t.hookType)) {
          await this.persist(app, state);
          unsaved = false;
        }
        continue;
      }
      state = withStep(state, step, now());
      if (step.kind === StepKind.Wait) {
        // Most waits are short (a namespace or ConfigMap the watch has not delivered yet): wait here, holding the
        // processor, rather than go to the back of the queue and render and compare again when the turn comes.
        if (waitedInline < INLINE_WAIT_MS) {
          await sleep(INLINE_POLL_MS);
          waitedInline += INLINE_POLL_MS;
          continue;
        }
        // An applied resource that is gone again (deleted, or its namespace is being deleted) will never turn
        // healthy: end this attempt; auto-sync (self-heal, with its backoff) or the user starts the next one.
        const gone = await this.goneAfterApply(plan.tasks.filter((t) => t.action === 'apply' && !t.hookType && results[t.id]?.status === 'Synced'));
        if (gone.length > 0) {
          const names = gone.map((t) => `${t.key.kind}/${t.key.name}`).join(', ');
          return this.finish(app, op, decideRetry(endOperation(state, OperationPhase.Failed, `${names} disappeared while the sync waited for it`, now()), op.retry, now()), undefined);
        }
        await this.persist(app, state);
        return { requeueAfterMs: 250 };
      }
      const done = step.phase === OperationPhase.Succeeded ? state : decideRetry(state, op.retry, now());
      return this.finish(app, op, done, step.phase === OperationPhase.Succeeded && !plan.dryRun ? compared : undefined);
    }
    await this.persist(app, state);
    return { requeueAfterMs: 250 };
  }

  /**
   * The applied tasks whose object no longer exists. The cache is asked first; what it lacks may only be an object
   * its watch has not delivered yet (a namespace applied a moment ago), so the API server has the last word.
   */
  private async goneAfterApply(applied: SyncTask[]): Promise<SyncTask[]> {
    const gone: SyncTask[] = [];
    for (const t of applied) {
      if (this.cache.has(t.key) || !t.target) continue;
      if (!(await this.writer.exists(t.target))) gone.push(t);
    }
    return gone;
  }

  private async projectViolations(app: Application, desired: KubeObject[]): Promise<string[]> {
    const name = app.spec.project || 'default';
    let spec: AppProjectSpec | undefined;
    try {
      const project = await this.objects.get({ apiVersion: 'argoproj.io/v1alpha1', kind: 'AppProject', metadata: { namespace: app.metadata.namespace, name } });
      spec = project.spec as AppProjectSpec;
    } catch (err) {
      if (!isNotFound(err)) throw err;
      if (name !== 'default') return [`project "${name}" does not exist`];
      return []; // Argo CD's built-in default project allows everything
    }
    const sources = appSources(app).map((s) => ({ repoURL: s.repoURL }));
    return checkProject({ name, spec }, { sources, destination: app.spec.destination ?? {}, objects: desired, isNamespaced: (g, k) => this.cache.resourceInfo(g, k)?.namespaced }).map((v) => v.message);
  }

  /** Writes the final state (and history on success), clears `operation`, records an Event. */
  private async finish(app: Application, op: OperationSpec, state: OperationState, synced: AppComparison | undefined): Promise<HandlerResult> {
    // Argo CD records a multi-source deployment as `revisions` and `sources`, one per source
    // the sources synced: a rollback's own, else the spec's
    const sync = op.sync;
    const deployed = isMultiSource(app)
      ? { revisions: synced?.revisions, sources: sync?.sources?.length ? sync.sources : app.spec.sources }
      : { revision: synced?.revision, source: sync?.source ?? app.spec.source };
    const history = synced
      ? appendHistory(app.status?.history as never, {
          ...deployed,
          deployedAt: state.finishedAt ?? now().toISOString(),
          deployStartedAt: state.startedAt,
          initiatedBy: op.initiatedBy,
        }, (app.spec as { revisionHistoryLimit?: number }).revisionHistoryLimit)
      : undefined;
    await this.persist(app, state, history);
    if (isRetryPending(state)) return { requeueAfterMs: 1000 };
    const ok = state.phase === OperationPhase.Succeeded;
    await Promise.all([
      this.events.record(app, ok ? EventReason.OperationCompleted : EventReason.OperationFailed, `Sync operation ${ok ? 'succeeded' : 'failed'}: ${state.message}`, ok ? 'Normal' : 'Warning'),
      this.clearOperation(app),
    ]);
    return;
  }

  private async persist(app: Application, state: OperationState, history?: unknown[]): Promise<void> {
    const status = { operationState: state as never, ...(history ? { history: history as never } : {}) };
    app.status = await this.apps.writeStatus(app, status, history ? ['operationState', 'history'] : ['operationState']).then((a) => a.status);
  }

  private async clearOperation(app: Application): Promise<void> {
    await this.apps.patch(app, { operation: null });
    this.logger.debug({ app: app.metadata.name }, 'operation cleared');
  }
}
