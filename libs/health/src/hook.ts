import { HOOK_ANNOTATION, HookType } from '@fjord/argo';
import type { KubeObject } from '@fjord/k8s-yaml';
import { annotations } from './object';

/** Helm's hook annotation, which Argo CD maps onto its own hooks. */
export const HELM_HOOK_ANNOTATION = 'helm.sh/hook';
/** Finalizer Argo CD puts on hooks until their phase completes. */
export const HOOK_FINALIZER = 'argocd.argoproj.io/hook-finalizer';

const helmHookTypes: Record<string, HookType> = {
  'pre-install': HookType.PreSync,
  'pre-upgrade': HookType.PreSync,
  'post-install': HookType.PostSync,
  'post-upgrade': HookType.PostSync,
};

function csv(value: string | undefined): string[] {
  return (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The hook types of an object: Argo's annotation wins; Helm's install/upgrade hooks are mapped otherwise. */
export function hookTypes(obj: KubeObject): HookType[] {
  const a = annotations(obj);
  const own = csv(a[HOOK_ANNOTATION]).filter((t): t is HookType => (Object.values(HookType) as string[]).includes(t));
  if (own.length > 0) return own;
  return csv(a[HELM_HOOK_ANNOTATION]).flatMap((t) => (helmHookTypes[t] ? [helmHookTypes[t]] : []));
}

/** Whether the object is marked `hook: Skip` only, i.e. left out of syncs entirely. */
export function isSkipHook(obj: KubeObject): boolean {
  const types = hookTypes(obj);
  return types.length === 1 && types[0] === HookType.Skip;
}

/** Whether the object is a hook (Argo or Helm, Helm's crd-install excepted), as Argo CD decides it. */
export function isHook(obj: KubeObject): boolean {
  const a = annotations(obj);
  if (HOOK_ANNOTATION in a) return !isSkipHook(obj);
  return HELM_HOOK_ANNOTATION in a && a[HELM_HOOK_ANNOTATION] !== 'crd-install';
}

/** Whether the object is a hook of a kind Argo CD does not run (e.g. Helm's test hooks) and so is ignored. */
export function isIgnoredHook(obj: KubeObject): boolean {
  return isHook(obj) && hookTypes(obj).length === 0;
}

/** Whether the object carries Argo CD's hook finalizer. */
export function hasHookFinalizer(obj: KubeObject): boolean {
  const finalizers = (obj.metadata?.finalizers ?? []) as unknown[];
  return Array.isArray(finalizers) && finalizers.includes(HOOK_FINALIZER);
}
