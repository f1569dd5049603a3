import { isDeepStrictEqual } from 'node:util';
import { trace } from '@opentelemetry/api';
import type { ClusterCache } from '@fjord/cluster-cache';
import type { KubeObject } from '@fjord/k8s-yaml';
import { appSources, OperationPhase, ResultCode, type AppProjectSpec, type Operation, type OperationState } from '@fjord/argo';
import { FjordError, inSpan, type Logger } from '@fjord/platform';
import {
  appendHistory,
  checkProject,
  decideRetry,
  endOperation,
  isDeletionApproved,
  isRetryPending,
  newOperationState,
  resultsFromResources,
  startRetry,
  sharedResourceFailure,
  StepKind,
  TaskAction,
  terminateOperation,
  withStep,
  type SyncPlan,
  type SyncTask,
  type TaskResults,
} from '@fjord/sync';
import type { HandlerResult } from '@fjord/workqueue';
import { appKey, type Application } from '@fjord/argo';
import { EventReason, type AppEvents } from './app-events';
import { AppChangeSignal, WakeReason } from './app-change-signal';
import { ComparisonCaller, type AppComparer, type AppComparison } from './app-comparison';
import { isMultiSource } from './app-sources';
import type { AppWriter } from './app-writer';
import type { ClusterWriter } from './cluster-writer';
import type { KubeClient } from './kube-client';
import { isNotFound, kubeErrorMessage } from './object-request-error';
import { planOperation } from './operation-plan';
import type { StepExecutor } from './step-executor';

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
  /** Reads the app's AppProject, and the app again when a status write conflicts. */
  objects: Pick<KubeClient, 'get'>;
  events: AppEvents;
  logger: Logger;
}

const now = () => new Date();
const tracer = trace.getTracer('fjord-app-controller');

/**
 * How long a new attempt waits in place (holding its processor), woken by its app's cache events, before it parks:
 * most waits right after applying are short (an object the watch has not delivered yet).
 */
const INLINE_WAIT_MS = 2000;
/** The same for a resumed attempt, woken by an event whose change the cache already holds. */
const RESUMED_WAIT_MS = 250;
/** While waiting in place for an object no cache event announces (an untracked one), how often the cache is looked at. */
const UNTRACKED_RECHECK_MS = 50;
/** A parked operation is looked at again after this long if no change event of its app came first. */
const PARKED_RECHECK_MS = 5000;
/** A bound on the steps of one turn (each wave is one; a wait past the in-place one ends the turn). */
const MAX_STEPS_PER_TURN = 200;
/** Writes of the operation state tried in a row when the status path's writes keep conflicting with them. */
const MAX_WRITE_ATTEMPTS = 5;
const HTTP_CONFLICT = 409;

/** An operation attempt's comparison and plan: made once per attempt, kept in memory while it waits. */
interface Attempt {
  operation: Operation;
  startedAt: string;
  retryCount: number;
  compared: AppComparison;
  plan: SyncPlan;
  /** Results a turn had not saved when it was interrupted (the terminate step reports them). */
  unsaved?: TaskResults;
}

/** The app's operation changed under a turn (marked Terminating, or replaced): the turn ends and the app is read again. */
class OperationInterrupted extends Error {
  override name = 'OperationInterrupted';
}

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
 * Runs an Application's sync operation as named steps, persisting `status.operationState` at each wave so that a
 * restarted controller resumes it: compare (render and compare, once per attempt), check the AppProject, plan
 * (phases, waves, hooks, prune), check shared resources, apply each wave with server-side apply, wait for health
 * and hooks between waves (woken by the app's cluster-cache events, the attempt parked in memory meanwhile), finish
 * (history, Event, `operation` cleared); terminate when the API marks the operation Terminating. Each turn is a
 * span ('sync', with a 'sync.apply' per wave applied) of the active trace.
 */
export class OperationRunner {
  /** The waiting attempt of each app whose operation is parked (see {@link OperationRunner.park}). */
  private readonly parked = new Map<string, Attempt>();
  /** The change signal of each app whose operation is in a turn, for {@link OperationRunner.interrupt}. */
  private readonly signals = new Map<string, AppChangeSignal>();

  constructor(private readonly deps: OperationRunnerDeps) {}

  /** Every write this runner (and the app finalizer) makes to the cluster goes through it. */
  get writer(): ClusterWriter {
    return this.deps.writer;
  }

  /** Advances the app's operation; returns when to look again. */
  async run(app: Application): Promise<HandlerResult> {
    const op = app.operation;
    if (!op?.sync || app.metadata.deletionTimestamp) {
      this.parked.delete(appKey(app));
      return;
    }
    return inSpan(tracer, 'sync', { 'fjord.app': appKey(app), 'fjord.revision': op.sync.revision ?? '' }, async () => {
      try {
        return await this.runStep(app, op);
      } catch (err) {
        // the app changed under this turn (Terminating, or a new operation): read it again and act on that
        if (err instanceof OperationInterrupted) return { requeueAfterMs: 0 };
        throw err;
      }
    });
  }

  /** Ends the in-place wait of the app's operation at once (it was marked Terminating): the app is read again. */
  interrupt(key: string): void {
    this.signals.get(key)?.interrupt();
  }

  /** Forgets the waiting attempt the runner keeps in memory for an app (the app was deleted). */
  forget(key: string): void {
    this.parked.delete(key);
  }

  private async runStep(app: Application, op: Operation): Promise<HandlerResult> {
    let state = app.status?.operationState;
    const current = state !== undefined && isDeepStrictEqual(state.operation, op) && !setAfterFinish(app, state);
    if (current && state!.phase === OperationPhase.Terminating) return this.terminate(app, op, state!);
    if (current && state!.phase !== OperationPhase.Running) return this.clearOperation(app);
    let started: Promise<void> | undefined; // the Event is written while the sync goes on
    if (!current) {
      state = newOperationState(op, now());
      started = this.deps.events.record(
        app,
        EventReason.OperationStarted,
        `Sync operation to ${op.sync!.revision || op.sync!.revisions?.join(', ') || app.spec.source?.targetRevision || 'HEAD'} started`,
      );
    } else if (isRetryPending(state!)) {
      const next = startRetry(state!, op.retry, now());
      if ('waitMs' in next) return { requeueAfterMs: next.waitMs };
      state = next.state;
    }
    try {
      return await this.advance(app, op, state!);
    } catch (err) {
      if (err instanceof OperationInterrupted) throw err;
      this.parked.delete(appKey(app));
      const message = err instanceof FjordError ? err.message : kubeErrorMessage(err);
      return this.finish(app, op, decideRetry(endOperation(state!, OperationPhase.Error, message, now()), op.retry, now()), undefined);
    } finally {
      await started;
    }
  }

  /**
   * One turn of the operation, as named steps: resume the waiting attempt (its comparison and plan are kept in
   * memory) or prepare a new one (compare → check project → plan → check shared resources), then apply wave →
   * wait → … → finish. Waits wake on the app's cluster-cache change events; a wait longer than an in-place one
   * parks the attempt and frees the processor, and the next event resumes it without rendering or comparing.
   */
  private async advance(app: Application, op: Operation, state: OperationState): Promise<HandlerResult> {
    const key = appKey(app);
    const signal = new AppChangeSignal(this.deps.cache, app.metadata.name); // listening before anything is read
    this.signals.set(key, signal);
    try {
      const resumed = this.resume(key, op, state);
      const attempt = resumed ?? (await this.prepare(app, op, state));
      if ('refusal' in attempt) return await this.finish(app, op, endOperation(state, OperationPhase.Failed, attempt.refusal, now()), undefined);
      return await this.applyWaves(app, op, state, attempt, { signal, inPlaceMs: resumed ? RESUMED_WAIT_MS : INLINE_WAIT_MS });
    } finally {
      signal.close();
      if (this.signals.get(key) === signal) this.signals.delete(key);
    }
  }

  /** Resume step: the kept attempt of a waiting operation, when `state` is still that attempt. */
  private resume(key: string, op: Operation, state: OperationState): Attempt | undefined {
    const kept = this.parked.get(key);
    if (kept && kept.startedAt === state.startedAt && kept.retryCount === (state.retryCount ?? 0) && isDeepStrictEqual(kept.operation, op)) return kept;
    this.parked.delete(key);
    return undefined;
  }

  /** Compare → check project → plan → check shared resources: a new attempt, or why it fails before applying anything. */
  private async prepare(app: Application, op: Operation, state: OperationState): Promise<Attempt | { refusal: string }> {
    const compared = await this.compare(app, op);
    const violations = await this.projectViolations(app, compared.comparison.desired);
    if (violations.length) return { refusal: violations.join('; ') };
    const plan = this.plan(app, op, state, compared);
    const shared = sharedResourceFailure(plan, app.metadata.name, (t) => this.deps.cache.get(t.key));
    if (shared) return { refusal: shared };
    return { operation: op, startedAt: state.startedAt, retryCount: state.retryCount ?? 0, compared, plan };
  }

  /** Compare step: the status path's pipeline (every source, at the operation's revisions; a still-valid comparison reused). */
  private compare(app: Application, op: Operation): Promise<AppComparison> {
    return this.deps.comparer.compare(app, { override: op.sync, caller: ComparisonCaller.Operation });
  }

  /** Plan step: the operation and the comparison turned into @fjord/sync's plan. */
  private plan(app: Application, op: Operation, state: OperationState, compared: AppComparison): SyncPlan {
    const isNamespaced = (g: string, k: string) => this.deps.cache.resourceInfo(g, k)?.namespaced;
    return planOperation({
      app,
      sync: op.sync!,
      comparison: compared.comparison,
      revision: compared.revision,
      startedAt: state.startedAt,
      live: this.deps.cache,
      isNamespaced,
    });
  }

  /** Apply wave → wait → … → finish, from the results so far; parks the attempt when a wait outlasts the in-place one. */
  private async applyWaves(
    app: Application,
    op: Operation,
    state: OperationState,
    attempt: Attempt,
    waiting: { signal: AppChangeSignal; inPlaceMs: number },
  ): Promise<HandlerResult> {
    const { compared, plan } = attempt;
    const multiSource = isMultiSource(app) ? { revisions: compared.revisions, sources: compared.sources } : {};
    state = { ...state, syncResult: { ...state.syncResult, revision: compared.revision, ...multiSource } as OperationState['syncResult'] };
    let results: TaskResults = attempt.unsaved ?? resultsFromResources(state.syncResult?.resources);
    const inPlaceUntil = Date.now() + waiting.inPlaceMs;
    const ctx = {
      pruneConfirmed: isDeletionApproved(app.metadata.annotations, state.startedAt),
      // each wave starts with a guarded write: the results so far are saved, and a Terminating operation applies no more
      beforeApply: () => this.persist(app, state),
    };
    try {
      for (let i = 0; i < MAX_STEPS_PER_TURN; i++) {
        const taken = await this.deps.executor.step(plan, results, ctx);
        const step = taken.step;
        results = taken.results;
        if (step.kind === StepKind.Apply) {
          state = withStep(state, { ...step, results }, now());
          // hooks are created under generated names: their creation is saved at once, or a restart would repeat them
          if (step.tasks.some((t) => t.hookType)) await this.persist(app, state);
          continue;
        }
        state = withStep(state, step, now());
        if (step.kind === StepKind.Done) {
          this.parked.delete(appKey(app));
          const done = step.phase === OperationPhase.Succeeded ? state : decideRetry(state, op.retry, now());
          return await this.finish(app, op, done, step.phase === OperationPhase.Succeeded && !plan.dryRun ? compared : undefined);
        }
        const woke = await waiting.signal.next(this.inPlaceWait(plan, results, inPlaceUntil));
        if (woke === WakeReason.Interrupted) throw new OperationInterrupted(`the operation of ${appKey(app)} is being terminated`);
        if (woke === WakeReason.TimedOut && Date.now() >= inPlaceUntil) return await this.wait(app, op, state, attempt, results);
      }
      return await this.park(app, state, attempt);
    } catch (err) {
      // the turn ends, perhaps with results not saved (the guard refused the write): the terminate step reports them
      if (err instanceof OperationInterrupted) this.parked.set(appKey(app), { ...attempt, unsaved: results });
      throw err;
    }
  }

  /**
   * How long to wait in place for the next change: until the in-place wait ends, or only briefly while an object
   * being waited for is one the cache keeps no full copy of (an untracked one, such as the namespace
   * CreateNamespace made), whose changes no event announces: the cache (memory, no request) is then looked at again.
   */
  private inPlaceWait(plan: SyncPlan, results: TaskResults, until: number): number {
    const left = Math.max(0, until - Date.now());
    const untracked = plan.tasks.some((t) => results[t.id]?.hookPhase === OperationPhase.Running && !this.deps.cache.get(t.key));
    return untracked ? Math.min(left, UNTRACKED_RECHECK_MS) : left;
  }

  /**
   * Wait step, once the in-place wait is over: an applied resource that is gone again (deleted, or its namespace is
   * being deleted) will never turn healthy, and ends the attempt (auto-sync's self-heal, with its backoff, or the
   * user starts the next); otherwise the attempt is parked.
   */
  private async wait(app: Application, op: Operation, state: OperationState, attempt: Attempt, results: TaskResults): Promise<HandlerResult> {
    const applied = attempt.plan.tasks.filter((t) => t.action === TaskAction.Apply && !t.hookType && results[t.id]?.status === ResultCode.Synced);
    const gone = await this.goneAfterApply(applied);
    if (gone.length === 0) return this.park(app, state, attempt);
    this.parked.delete(appKey(app));
    const names = gone.map((t) => `${t.key.kind}/${t.key.name}`).join(', ');
    return this.finish(
      app,
      op,
      decideRetry(endOperation(state, OperationPhase.Failed, `${names} disappeared while the sync waited for it`, now()), op.retry, now()),
      undefined,
    );
  }

  /**
   * Parks a waiting attempt: its comparison and plan are kept in memory, its state saved when it changed, and the
   * processor freed. The app's next cache event (AppController queues the app) or a late recheck resumes it.
   */
  private async park(app: Application, state: OperationState, attempt: Attempt): Promise<HandlerResult> {
    this.parked.set(appKey(app), { ...attempt, unsaved: undefined });
    if (!isDeepStrictEqual(JSON.parse(JSON.stringify(state)), app.status?.operationState)) await this.persist(app, state);
    return { requeueAfterMs: PARKED_RECHECK_MS };
  }

  /**
   * Terminate step (the API marked the operation Terminating), as Argo CD ends an operation: running hooks are
   * deleted and marked Failed "Terminated", completed ones lose their finalizer, no further wave is applied, the
   * operation ends Failed "Operation terminated" (not retried), `operation` is cleared and an Event recorded.
   */
  private async terminate(app: Application, op: Operation, state: OperationState): Promise<HandlerResult> {
    const key = appKey(app);
    const kept = this.resume(key, op, state);
    this.parked.delete(key);
    // without the kept plan (a restarted controller), the hooks to clean up are found by planning again
    const plan =
      kept?.plan ??
      (await this.compare(app, op)
        .then((c) => this.plan(app, op, state, c))
        .catch(() => undefined));
    const results = kept?.unsaved ?? resultsFromResources(state.syncResult?.resources);
    const ended = plan && terminateOperation(state, plan, results, (t) => this.deps.executor.observe(t), now());
    if (ended) await this.deps.executor.cleanUp(ended.cleanup, plan.dryRun);
    const final = ended?.state ?? endOperation(state, OperationPhase.Failed, 'Operation terminated', now());
    return this.finish(app, op, final, undefined, { terminating: true });
  }

  /**
   * The applied tasks whose object no longer exists. The cache is asked first; what it lacks may only be an object
   * its watch has not delivered yet (a namespace applied a moment ago), so the API server has the last word.
   */
  private async goneAfterApply(applied: SyncTask[]): Promise<SyncTask[]> {
    const gone: SyncTask[] = [];
    for (const t of applied) {
      if (this.deps.cache.has(t.key) || !t.target) continue;
      if (!(await this.deps.writer.exists(t.target))) gone.push(t);
    }
    return gone;
  }

  private async projectViolations(app: Application, desired: KubeObject[]): Promise<string[]> {
    const name = app.spec.project || 'default';
    let spec: AppProjectSpec | undefined;
    try {
      const project = await this.deps.objects.get({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'AppProject',
        metadata: { namespace: app.metadata.namespace, name },
      });
      spec = project.spec as AppProjectSpec;
    } catch (err) {
      if (!isNotFound(err)) throw err;
      if (name !== 'default') return [`project "${name}" does not exist`];
      return []; // Argo CD's built-in default project allows everything
    }
    const sources = appSources(app).map((s) => ({ repoURL: s.repoURL }));
    return checkProject(
      { name, spec },
      { sources, destination: app.spec.destination ?? {}, objects: desired, isNamespaced: (g, k) => this.deps.cache.resourceInfo(g, k)?.namespaced },
    ).map((v) => v.message);
  }

  /** Finish step: writes the final state (and history on success), clears `operation`, records an Event. */
  private async finish(
    app: Application,
    op: Operation,
    state: OperationState,
    synced: AppComparison | undefined,
    how: { terminating?: boolean } = {},
  ): Promise<HandlerResult> {
    // Argo CD records a multi-source deployment as `revisions` and `sources`, one per source
    // the sources synced: a rollback's own, else the spec's
    const sync = op.sync;
    const deployed = isMultiSource(app)
      ? { revisions: synced?.revisions, sources: sync?.sources?.length ? sync.sources : app.spec.sources }
      : { revision: synced?.revision, source: sync?.source ?? app.spec.source };
    const history = synced
      ? appendHistory(
          app.status?.history as never,
          {
            ...deployed,
            deployedAt: state.finishedAt ?? now().toISOString(),
            deployStartedAt: state.startedAt,
            initiatedBy: op.initiatedBy,
          },
          (app.spec as { revisionHistoryLimit?: number }).revisionHistoryLimit,
        )
      : undefined;
    await this.persist(app, state, { history, terminating: how.terminating });
    if (isRetryPending(state)) return { requeueAfterMs: 1000 };
    const ok = state.phase === OperationPhase.Succeeded;
    await Promise.all([
      this.deps.events.record(
        app,
        ok ? EventReason.OperationCompleted : EventReason.OperationFailed,
        `Sync operation ${ok ? 'succeeded' : 'failed'}: ${state.message}`,
        ok ? 'Normal' : 'Warning',
      ),
      this.clearOperation(app),
    ]);
    return;
  }

  /**
   * Writes the operation state (and history) over the state this runner last read, never over a phase set by
   * someone else since: the write carries the app's resourceVersion; on a conflict (the status path's writes) the
   * app is read again and the write retried, unless the operation was marked Terminating (only the terminate step
   * writes over that) or replaced meanwhile: then OperationInterrupted ends the turn.
   */
  private async persist(app: Application, state: OperationState, how: { history?: unknown[]; terminating?: boolean } = {}): Promise<void> {
    const status = { operationState: state as never, ...(how.history ? { history: how.history as never } : {}) };
    const fields = how.history ? (['operationState', 'history'] as const) : (['operationState'] as const);
    for (let attempt = 1; ; attempt++) {
      try {
        const stored = await this.deps.apps.writeStatus(app, status, fields, { resourceVersion: app.metadata.resourceVersion });
        app.status = stored.status;
        app.metadata.resourceVersion = stored.metadata.resourceVersion;
        return;
      } catch (err) {
        if ((err as { code?: number }).code !== HTTP_CONFLICT || attempt >= MAX_WRITE_ATTEMPTS) throw err;
      }
      const fresh = (await this.deps.objects.get({
        apiVersion: 'argoproj.io/v1alpha1',
        kind: 'Application',
        metadata: { name: app.metadata.name, namespace: app.metadata.namespace },
      })) as unknown as Application;
      const phase = fresh.status?.operationState?.phase;
      if (phase === OperationPhase.Terminating && !how.terminating) throw new OperationInterrupted(`the operation of ${appKey(app)} is being terminated`);
      if (!isDeepStrictEqual(fresh.operation, state.operation)) throw new OperationInterrupted(`the operation of ${appKey(app)} was replaced`);
      app.status = fresh.status;
      app.metadata.resourceVersion = fresh.metadata.resourceVersion;
    }
  }

  private async clearOperation(app: Application): Promise<void> {
    await this.deps.apps.patch(app, { operation: null });
    this.deps.logger.debug({ app: app.metadata.name }, 'operation cleared');
  }
}
