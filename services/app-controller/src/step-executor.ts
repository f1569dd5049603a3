import { trace } from '@opentelemetry/api';
import type { ResourceKey } from '@fjord/argo';
import { HOOK_FINALIZER } from '@fjord/health';
import type { KubeObject } from '@fjord/k8s-yaml';
import { inSpan } from '@fjord/platform';
import {
  nextStep,
  recordOutcome,
  shouldDeleteHook,
  shouldPrune,
  StepKind,
  TaskAction,
  type StepCleanup,
  type SyncPlan,
  type SyncStep,
  type SyncTask,
  type TaskResults,
} from '@fjord/sync';
import type { ClusterWriter } from './cluster-writer';
import { kubeErrorMessage } from './object-request-error';

const tracer = trace.getTracer('fjord-app-controller');

/** The live objects the executor reads: the cluster cache's `get` and `has`. */
export interface LiveObjects {
  /** The full live object of a tracked resource (or a kept one); undefined when absent. */
  get(key: ResourceKey): KubeObject | undefined;
  /** Whether a resource exists live, tracked or not. */
  has(key: ResourceKey): boolean;
}

/** What one step needs besides the plan and the results so far. */
export interface StepContext {
  /** Whether pending `Prune=confirm` deletions are approved (`argocd.argoproj.io/deletion-approved`). */
  pruneConfirmed: boolean;
  /** Called before a wave is applied (the runner saves the previous wave's results then). */
  beforeApply?: () => Promise<void>;
}

/** One step taken: the step as decided, and the results after it was carried out. */
export interface TakenStep {
  step: SyncStep;
  results: TaskResults;
}

type ApplyStep = Extract<SyncStep, { kind: typeof StepKind.Apply }>;

/**
 * The write side of a sync operation: takes the step the pure engine decides (@fjord/sync's nextStep), does its
 * hook clean-up, and carries out its applies and deletions through a {@link ClusterWriter}. It decides nothing
 * itself: which objects are deleted is @fjord/sync's call (shouldPrune, shouldDeleteHook, the step's
 * deleteBeforeCreate). Every write carries the plan's dry-run flag; a dry run makes no clean-up writes at all.
 */
export class StepExecutor {
  constructor(
    private readonly writer: ClusterWriter,
    private readonly live: LiveObjects,
    private readonly onApplied: (desired: KubeObject, stored: KubeObject) => void = () => undefined,
  ) {}

  /** Decides the next step, does its clean-up and, for an apply step, applies its wave; the results after it. */
  async step(plan: SyncPlan, results: TaskResults, ctx: StepContext): Promise<TakenStep> {
    const step = nextStep(plan, results, { live: (t) => this.observe(t), pruneConfirmed: ctx.pruneConfirmed });
    await this.cleanUp(step.cleanup, plan.dryRun);
    if (step.kind !== StepKind.Apply) return { step, results };
    await ctx.beforeApply?.();
    const attributes = { 'fjord.sync.phase': step.phase, 'fjord.sync.wave': step.wave, 'fjord.sync.tasks': step.tasks.length };
    const after = await inSpan(tracer, 'sync.apply', attributes, () => this.applyWave(step, results, plan, ctx));
    return { step, results: after };
  }

  /**
   * The live object of a task as the cache has it. The cache keeps full objects only for tracked resources; an
   * untracked one that exists (the namespace CreateNamespace made) is given as its bare identity.
   */
  observe(t: SyncTask): KubeObject | undefined {
    const full = this.live.get(t.key);
    if (full || !this.live.has(t.key)) return full;
    return { apiVersion: t.apiVersion, kind: t.key.kind, metadata: { name: t.key.name, ...(t.key.namespace ? { namespace: t.key.namespace } : {}) } };
  }

  /**
   * The object a deletion of task `t` names: the cache's copy, whose uid makes the API server delete only the
   * object the decision was made about; the comparison's (uid-less) copy when the cache has no full one.
   */
  private current(t: SyncTask): KubeObject {
    const cached = this.live.get(t.key);
    return cached?.metadata?.uid ? cached : t.live!;
  }

  private async applyWave(step: ApplyStep, results: TaskResults, plan: SyncPlan, ctx: StepContext): Promise<TaskResults> {
    const { dryRun } = plan;
    let out = results;
    const prunes = step.tasks.filter((t) => t.action === TaskAction.Prune);
    const applies = step.tasks.filter((t) => t.action !== TaskAction.Prune);
    for (const t of prunes) {
      try {
        if (shouldPrune(t, { prune: plan.prune, pruneConfirmed: ctx.pruneConfirmed })) {
          await this.writer.delete(this.current(t), { dryRun, propagationPolicy: t.propagationPolicy });
        }
        out = recordOutcome(out, t, {}, dryRun);
      } catch (err) {
        out = recordOutcome(out, t, { error: kubeErrorMessage(err) }, dryRun);
      }
    }
    for (const t of step.deleteBeforeCreate) if (t.live) await this.writer.delete(this.current(t), { dryRun, propagationPolicy: 'Background' });
    // applied at once, recorded in the plan's order (not in the order the answers came back)
    const outcomes = await Promise.all(
      applies.map(async (t) => {
        try {
          const stored = await this.writer.apply(t.target!, { dryRun, replace: t.applyOptions.replace });
          // applying the same object over what it just stored changes nothing: the next comparison needs no dry run
          if (stored && !dryRun && !t.applyOptions.replace) this.onApplied(t.target!, stored);
          return { message: `${String(t.target!.kind).toLowerCase()}/${t.key.name} serverside-applied` };
        } catch (err) {
          return { error: kubeErrorMessage(err) };
        }
      }),
    );
    applies.forEach((t, i) => (out = recordOutcome(out, t, outcomes[i], dryRun)));
    return out;
  }

  /** Does a step's (or a termination's) hook clean-up: drops the hook finalizer, deletes hooks per their policy. */
  async cleanUp(cleanup: StepCleanup, dryRun: boolean): Promise<void> {
    if (dryRun) return;
    for (const t of cleanup.finalize) {
      const live = this.live.get(t.key);
      // only while it has it: a write that changes nothing would still be a request (and each step has this clean-up)
      if ((live?.metadata?.finalizers as string[] | undefined)?.includes(HOOK_FINALIZER)) await this.writer.removeFinalizer(live!, HOOK_FINALIZER);
    }
    for (const t of cleanup.deleteHooks) {
      const live = this.live.get(t.key) ?? t.live;
      if (shouldDeleteHook(t, live, dryRun)) await this.writer.delete(live!, { dryRun, propagationPolicy: 'Background' });
    }
  }
}
