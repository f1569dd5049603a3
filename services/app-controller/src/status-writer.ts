import { CustomObjectsApi, PatchStrategy, setHeaderOptions, type KubeConfig } from '@kubernetes/client-node';
import { redactUrls } from '@fjord/platform';
import type { Application, ApplicationStatus } from './application';

/** Writes an app's status through the status subresource (a merge patch of `status` only). */
export class StatusWriter {
  private readonly api: CustomObjectsApi;
  writes = 0;

  constructor(kc: KubeConfig) {
    this.api = kc.makeApiClient(CustomObjectsApi);
  }

  /**
   * Replaces the given top-level fields of `status` (others untouched): a JSON merge patch from their old values to
   * the new ones, so that removed fields go away. The status processors own sync/health/resources/…, the operation
   * processors own operationState and history, so neither overwrites the other's newer writes.
   */
  async write(app: Application, status: Partial<ApplicationStatus>, fields: readonly (keyof ApplicationStatus)[] = Object.keys(status) as (keyof ApplicationStatus)[]): Promise<Application> {
    this.writes++;
    const pick = (s: Partial<ApplicationStatus> | undefined) => Object.fromEntries(fields.filter((f) => s?.[f] !== undefined).map((f) => [f, s![f]]));
    return (await this.api.patchNamespacedCustomObjectStatus(
      {
        group: 'argoproj.io',
        version: 'v1alpha1',
        plural: 'applications',
        namespace: app.metadata.namespace,
        name: app.metadata.name,
        body: { status: mergePatch(pick(app.status), redactMessages(pick(status))) },
      },
      setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
    )) as Application;
  }
}

/** A copy of a status in which every `message` (conditions, operation state, results) has URLs' credentials redacted. */
export function redactMessages<T>(value: T): T {
  if (Array.isArray(value)) return value.map(redactMessages) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, k === 'message' && typeof v === 'string' ? redactUrls(v) : redactMessages(v)]),
  ) as T;
}

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** The JSON merge patch (RFC 7386) that turns `from` into `to`: removed keys become null, at every depth. */
export function mergePatch(from: unknown, to: unknown): Json {
  const isObj = (v: unknown): v is Record<string, Json> => typeof v === 'object' && v !== null && !Array.isArray(v);
  if (!isObj(from) || !isObj(to)) return to as Json;
  const patch: Record<string, Json> = {};
  for (const key of Object.keys(from)) if (!(key in to)) patch[key] = null;
  for (const [key, value] of Object.entries(to)) patch[key] = key in from ? mergePatch(from[key], value) : value;
  return patch;
}
