import type { KubeObject } from '@fjord/k8s-yaml';

/** Annotation that puts a resource in a sync wave (an integer, default 0, negatives allowed). */
export const SYNC_WAVE_ANNOTATION = 'argocd.argoproj.io/sync-wave';
/** Annotation with per-resource sync options, comma-separated (`Prune=false,ServerSideApply=true`). */
export const SYNC_OPTIONS_ANNOTATION = 'argocd.argoproj.io/sync-options';
/** Annotation with a hook's delete policies, comma-separated. */
export const HOOK_DELETE_POLICY_ANNOTATION = 'argocd.argoproj.io/hook-delete-policy';
/** Helm's hook weight, which Argo CD reads as the sync wave when no sync-wave annotation is set. */
export const HELM_HOOK_WEIGHT_ANNOTATION = 'helm.sh/hook-weight';
/** Helm's hook delete policies, which Argo CD maps onto its own. */
export const HELM_HOOK_DELETE_POLICY_ANNOTATION = 'helm.sh/hook-delete-policy';
/** Annotation on an Application that approves pending `Prune=confirm` / `Delete=confirm` deletions. */
export const DELETION_APPROVED_ANNOTATION = 'argocd.argoproj.io/deletion-approved';

/** The annotations of an object as a string map ({} when absent or malformed). */
export function annotationsOf(obj: KubeObject | undefined): Record<string, string> {
  const a = obj?.metadata?.annotations;
  return a && typeof a === 'object' && !Array.isArray(a) ? (a as Record<string, string>) : {};
}

/** The distinct, trimmed, non-empty items of a comma-separated annotation. */
export function annotationList(obj: KubeObject | undefined, key: string): string[] {
  const raw = annotationsOf(obj)[key];
  if (typeof raw !== 'string') return [];
  return [...new Set(raw.split(',').map((s) => s.trim()).filter(Boolean))];
}

/** Parses a decimal integer the way Go's strconv.Atoi does (optional sign, digits only); undefined otherwise. */
export function parseGoInt(text: string | undefined): number | undefined {
  if (typeof text !== 'string' || !/^[+-]?\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}
