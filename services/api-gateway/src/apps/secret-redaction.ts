import type { applicationTypes } from '@fjord/proto';

/** What a redacted Secret value reads as (Argo CD masks with plus signs). */
export const REDACTED = '++++++++';
const LAST_APPLIED = 'kubectl.kubernetes.io/last-applied-configuration';

function redactObjectJson(text: string): string {
  if (!text) return text;
  let obj: { data?: Record<string, unknown>; stringData?: Record<string, unknown>; metadata?: { annotations?: Record<string, string> } };
  try {
    obj = JSON.parse(text);
  } catch {
    return '';
  }
  for (const field of ['data', 'stringData'] as const) {
    const values = obj[field];
    if (values && typeof values === 'object') obj[field] = Object.fromEntries(Object.keys(values).map((k) => [k, REDACTED]));
  }
  if (obj.metadata?.annotations?.[LAST_APPLIED]) obj.metadata.annotations[LAST_APPLIED] = REDACTED;
  return JSON.stringify(obj);
}

/**
 * Second line of defence: the controller redacts Secret values in diffs; the gateway redacts again before any
 * diff leaves it, so a Secret's values (and its last-applied annotation) never reach a response. The textual diff
 * of a Secret is replaced by a note, since it cannot be redacted reliably line by line.
 */
export function redactSecretDiffs(items: applicationTypes.ResourceDiff[]): applicationTypes.ResourceDiff[] {
  return items.map((item) => {
    if (item.ref?.kind !== 'Secret' || (item.ref.group ?? '') !== '') return item;
    return {
      ...item,
      liveState: redactObjectJson(item.liveState),
      targetState: redactObjectJson(item.targetState),
      diff: item.modified ? 'Secret differs (values redacted)' : '',
    };
  });
}
