import { HOOK_DELETE_POLICY_ANNOTATION, HookType, SYNC_WAVE_ANNOTATION, SyncPhase } from '@fjord/argo';
import { hookTypes, isHook, isSkipHook } from '@fjord/health';
import type { KubeObject } from '@fjord/k8s-yaml';
import { annotationList, annotationsOf, HELM_HOOK_DELETE_POLICY_ANNOTATION, HELM_HOOK_WEIGHT_ANNOTATION, parseGoInt } from './annotations';

/** Rank of each phase in the task order. */
export const SYNC_PHASE_ORDER: Readonly<Record<SyncPhase, number>> = { PreSync: -1, Sync: 0, PostSync: 1, SyncFail: 2 };

/** When a hook is deleted: after it succeeded, after it failed, or before a new one is created (the default). */
export const HookDeletePolicy = {
  HookSucceeded: 'HookSucceeded',
  HookFailed: 'HookFailed',
  BeforeHookCreation: 'BeforeHookCreation',
} as const;
/** One of the hook delete policies. */
export type HookDeletePolicy = (typeof HookDeletePolicy)[keyof typeof HookDeletePolicy];

/** Helm's delete policies and the Argo CD policies they map to. */
export const HELM_DELETE_POLICIES: Readonly<Record<string, HookDeletePolicy>> = {
  'before-hook-creation': HookDeletePolicy.BeforeHookCreation,
  'hook-succeeded': HookDeletePolicy.HookSucceeded,
  'hook-failed': HookDeletePolicy.HookFailed,
};

const phaseHooks: readonly string[] = [HookType.PreSync, HookType.Sync, HookType.PostSync, HookType.SyncFail];

/**
 * The phases an object takes part in: none for `hook: Skip` and for hooks of other kinds (PreDelete, PostDelete,
 * Helm test hooks); each of its PreSync/Sync/PostSync/SyncFail hook types for a hook; Sync for a plain resource.
 */
export function syncPhasesOf(obj: KubeObject): SyncPhase[] {
  if (isSkipHook(obj)) return [];
  if (!isHook(obj)) return [SyncPhase.Sync];
  const phases = hookTypes(obj).filter((t) => phaseHooks.includes(t)) as SyncPhase[];
  return [...new Set(phases)].sort((a, b) => SYNC_PHASE_ORDER[a] - SYNC_PHASE_ORDER[b]);
}

/** The sync wave of an object: `argocd.argoproj.io/sync-wave`, else `helm.sh/hook-weight`, else 0. */
export function syncWaveOf(obj: KubeObject | undefined): number {
  const a = annotationsOf(obj);
  return parseGoInt(a[SYNC_WAVE_ANNOTATION]) ?? parseGoInt(a[HELM_HOOK_WEIGHT_ANNOTATION]) ?? 0;
}

/** A hook's delete policies: Argo CD's annotation plus mapped Helm ones; BeforeHookCreation when none is set. */
export function hookDeletePolicies(obj: KubeObject): HookDeletePolicy[] {
  const own = annotationList(obj, HOOK_DELETE_POLICY_ANNOTATION).filter((p): p is HookDeletePolicy =>
    (Object.values(HookDeletePolicy) as string[]).includes(p),
  );
  const helm = annotationList(obj, HELM_HOOK_DELETE_POLICY_ANNOTATION).flatMap((p) => (HELM_DELETE_POLICIES[p] ? [HELM_DELETE_POLICIES[p]] : []));
  const all = [...new Set([...own, ...helm])];
  return all.length > 0 ? all : [HookDeletePolicy.BeforeHookCreation];
}
