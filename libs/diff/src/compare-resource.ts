import type { ResourceKey } from '@fjord/argo';
import { stringifyManifests, type KubeObject } from '@fjord/k8s-yaml';
import { attributeDrift, type DriftedField } from './drift';
import { FieldChange, fieldDifferences } from './field-diff';
import { applyIgnoreDifferences, ignoredManagers, type CompiledIgnoreDifferences } from './ignore-differences';
import { clone, getAt, isObject, removeAll, setAt, type JsonObject, type JsonPath } from './json';
import { owns, resolveManagedFields } from './managed-fields';
import { predictLive } from './merge';
import { LAST_APPLIED_ANNOTATION, normalizeObject, type NormalizeOptions } from './normalize';
import { redactSecrets, type RedactOptions } from './redact';
import { unifiedDiff } from './unified-diff';

/** Fjord's field manager for server-side apply. */
export const FJORD_MANAGER = 'fjord-controller';

/** Options of one comparison. */
export interface CompareOptions extends NormalizeOptions, RedactOptions {
  /** Field manager Fjord applies with; its fields define the desired state in a dry-run result. */
  manager?: string;
  /** Keep changes that mutating webhooks make in a dry run (Argo CD's `IncludeMutationWebhook=true`). */
  includeMutationWebhook?: boolean;
  ignoreDifferences?: CompiledIgnoreDifferences;
}

/** The outcome of comparing one desired object with its live form. All objects and text are redacted. */
export interface ResourceComparison {
  modified: boolean;
  /** The live object without server-managed fields and ignored differences. */
  normalizedLive?: KubeObject;
  /** What the live object would be after applying the desired one, normalised the same way. */
  predictedLive?: KubeObject;
  /** Unified diff from normalizedLive to predictedLive, as YAML; computed when first read (few readers want it). */
  readonly diff: string;
  /** The fields that differ and who last set them. */
  drift: DriftedField[];
}

function lastAppliedOf(live: JsonObject): JsonObject | undefined {
  const raw = isObject(live.metadata) && isObject(live.metadata.annotations) ? live.metadata.annotations[LAST_APPLIED_ANNOTATION] : undefined;
  if (typeof raw !== 'string') return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    return isObject(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Undoes, in a dry-run result, what mutating webhooks changed: fields that differ from live and are not owned by
 * Fjord's manager go back to their live value (Argo CD's default for server-side diff).
 */
function revertWebhookMutations(predicted: JsonObject, live: JsonObject, manager: string): void {
  const own = resolveManagedFields(predicted).filter((o) => o.entry.manager === manager);
  if (own.length === 0) return;
  const removals: JsonPath[] = [];
  for (const d of fieldDifferences(live, predicted)) {
    if (!d.targetPath || own.some((o) => owns(o, d.targetPath!))) continue;
    if (d.change === FieldChange.Modified) setAt(predicted, d.targetPath, clone(getAt(live, d.livePath!)) as JsonObject);
    else removals.push(d.targetPath);
  }
  removeAll(predicted, removals);
}

/** Gives fields owned by trusted managers (`managedFieldsManagers`) their live value in the prediction. */
function trustManagers(predicted: JsonObject, normalizedLive: JsonObject, rawLive: JsonObject, managers: string[]): void {
  if (managers.length === 0) return;
  const trusted = resolveManagedFields(rawLive, normalizedLive).filter((o) => managers.includes(o.entry.manager ?? ''));
  for (const d of fieldDifferences(normalizedLive, predicted)) {
    if (d.change !== FieldChange.Modified || !trusted.some((o) => owns(o, d.livePath!))) continue;
    setAt(predicted, d.targetPath!, clone(getAt(normalizedLive, d.livePath!)) as JsonObject);
  }
}

const yaml = (obj: JsonObject | undefined) => (obj ? stringifyManifests([obj as KubeObject]) : '');

/**
 * Compares a desired object with its live form as Argo CD does. With a server-side dry-run result of the desired
 * object, the result is the prediction (server-side diff); without one, a built-in three-way merge predicts it.
 * Server-managed fields, ignoreDifferences and trusted managers' fields are left out; Secret values are redacted.
 */
export function compareResource(
  key: ResourceKey,
  desired: KubeObject | undefined,
  live: KubeObject | undefined,
  options: CompareOptions = {},
  dryRunResult?: KubeObject,
): ResourceComparison {
  const norm = { ...options, canonicalQuantities: dryRunResult === undefined };
  const rawLive = live as JsonObject | undefined;
  const normalizedLive = rawLive ? normalizeObject(clone(rawLive), norm) : undefined;
  let predicted: JsonObject | undefined;
  if (desired && rawLive && normalizedLive) {
    if (dryRunResult) {
      predicted = clone(dryRunResult as JsonObject);
      if (!options.includeMutationWebhook) revertWebhookMutations(predicted, rawLive, options.manager ?? FJORD_MANAGER);
      normalizeObject(predicted, norm);
    } else {
      const lastApplied = lastAppliedOf(rawLive);
      predicted = predictLive(normalizedLive, normalizeObject(clone(desired as JsonObject), norm), lastApplied && normalizeObject(lastApplied, norm));
    }
    trustManagers(predicted, normalizedLive, rawLive, options.ignoreDifferences ? ignoredManagers(options.ignoreDifferences, key) : []);
  } else if (desired) {
    predicted = normalizeObject(clone(desired as JsonObject), norm);
  }
  for (const obj of [normalizedLive, predicted])
    if (obj && options.ignoreDifferences) applyIgnoreDifferences(options.ignoreDifferences, key, obj as KubeObject);
  const differences = normalizedLive && predicted ? fieldDifferences(normalizedLive, predicted) : [];
  const drift = rawLive && normalizedLive ? attributeDrift(differences, rawLive, normalizedLive) : [];
  redactSecrets(predicted, normalizedLive, options);
  const modified = desired !== undefined && (live === undefined || differences.length > 0);
  const name = `${key.group ? `${key.group}/` : ''}${key.kind}/${key.namespace ? `${key.namespace}/` : ''}${key.name}`;
  let diff: string | undefined;
  return {
    modified,
    normalizedLive: normalizedLive as KubeObject,
    predictedLive: predicted as KubeObject,
    get diff() {
      return (diff ??= predicted && modified ? diffText(normalizedLive, predicted, name) : '');
    },
    drift,
  };
}

function diffText(live: JsonObject | undefined, predicted: JsonObject, name: string): string {
  return unifiedDiff(yaml(live), yaml(predicted), live ? `live/${name}` : '/dev/null', `desired/${name}`);
}
