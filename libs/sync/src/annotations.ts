import type { KubeObject } from '@fjord/k8s-yaml';

/** Helm's hook weight, which Argo CD reads as the sync wave when no sync-wave annotation is set. */
export const HELM_HOOK_WEIGHT_ANNOTATION = 'helm.sh/hook-weight';
/** Helm's hook delete policies, which Argo CD maps onto its own. */
export const HELM_HOOK_DELETE_POLICY_ANNOTATION = 'helm.sh/hook-delete-policy';

/** The annotations of an object as a string map ({} when absent or malformed). */
export function annotationsOf(obj: KubeObject | undefined): Record<string, string> {
  const a = obj?.metadata?.annotations;
  return a && typeof a === 'object' && !Array.isArray(a) ? (a as Record<string, string>) : {};
}

/** The distinct, trimmed, non-empty items of a comma-separated annotation. */
export function annotationList(obj: KubeObject | undefined, key: string): string[] {
  const raw = annotationsOf(obj)[key];
  if (typeof raw !== 'string') return [];
  return [
    ...new Set(
      raw
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    ),
  ];
}

/** Parses a decimal integer the way Go's strconv.Atoi does (optional sign, digits only); undefined otherwise. */
export function parseGoInt(text: string | undefined): number | undefined {
  if (typeof text !== 'string' || !/^[+-]?\d+$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isSafeInteger(n) ? n : undefined;
}
