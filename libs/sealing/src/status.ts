import type { SealedSecretCondition, SealedSecretStatus } from './types';

/** The one condition type a SealedSecret carries. */
export const SYNCED_CONDITION = 'Synced';

/** Why a SealedSecret is or is not synced (`reason` of the Synced condition). Upstream leaves reason empty. */
export const SyncReason = {
  Unsealed: 'Unsealed',
  /** The Secret exists and neither belongs to this SealedSecret nor is annotated managed or patch. */
  Unmanaged: 'SecretNotManaged',
  /** Writing the Secret failed (API error, immutable Secret…). */
  UpdateFailed: 'UpdateFailed',
} as const;

/** The outcome of one unseal attempt, as the status records it. */
export interface SyncOutcome {
  ok: boolean;
  reason: string;
  /** Empty on success, the error text otherwise (never a secret value). */
  message: string;
}

/**
 * The status after an unseal attempt, and whether it differs from `previous` enough to write (condition status,
 * reason or message changed, or a new generation was observed). lastTransitionTime moves only when status flips.
 */
export function nextSealedSecretStatus(
  previous: SealedSecretStatus | undefined,
  generation: number | undefined,
  outcome: SyncOutcome,
  now: Date,
): { status: SealedSecretStatus; changed: boolean } {
  const stamp = now.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const old = previous?.conditions?.find((c) => c.type === SYNCED_CONDITION);
  const statusValue = outcome.ok ? 'True' : 'False';
  const same = old?.status === statusValue && (old.message ?? '') === outcome.message && (old.reason ?? '') === outcome.reason;
  const condition: SealedSecretCondition = {
    type: SYNCED_CONDITION,
    status: statusValue,
    lastUpdateTime: same ? (old?.lastUpdateTime ?? stamp) : stamp,
    lastTransitionTime: old && old.status === statusValue ? (old.lastTransitionTime ?? stamp) : stamp,
    reason: outcome.reason,
    ...(outcome.message ? { message: outcome.message } : {}),
  };
  const others = (previous?.conditions ?? []).filter((c) => c.type !== SYNCED_CONDITION);
  const status: SealedSecretStatus = { ...(generation !== undefined ? { observedGeneration: generation } : {}), conditions: [condition, ...others] };
  const changed = !same || previous?.observedGeneration !== generation;
  return { status, changed };
}
