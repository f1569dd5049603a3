import { redactUrls } from '@fjord/platform';
import type { Application, ApplicationStatus } from '@fjord/argo';
import type { KubeClient } from './kube-client';

/** The identity of an app, for requests about it. */
function appRef(app: Application) {
  return { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', metadata: { name: app.metadata.name, namespace: app.metadata.namespace } };
}

/**
 * The controller's writes to Application objects: its status (through the status subresource) and merge patches
 * of the app itself (the operation it starts or clears, the refresh annotations it removes, its finalizer).
 */
export class AppWriter {
  /** Status writes made so far. */
  writes = 0;

  constructor(private readonly client: KubeClient) {}

  /**
   * Replaces the given top-level fields of `status` (others untouched): a JSON merge patch from their old values to
   * the new ones, so that removed fields go away. The status processors own sync/health/resources/…, the operation
   * processors own operationState and history, so neither overwrites the other's newer writes.
   */
  async writeStatus(
    app: Application,
    status: Partial<ApplicationStatus>,
    fields: readonly (keyof ApplicationStatus)[] = Object.keys(status) as (keyof ApplicationStatus)[],
    /** With `resourceVersion`, the write is refused (409) when the app changed since that version. */
    precondition: { resourceVersion?: string } = {},
  ): Promise<Application> {
    this.writes++;
    const pick = (s: Partial<ApplicationStatus> | undefined) => Object.fromEntries(fields.filter((f) => s?.[f] !== undefined).map((f) => [f, s![f]]));
    const metadata = precondition.resourceVersion ? { metadata: { resourceVersion: precondition.resourceVersion } } : {};
    return (await this.client.patchStatus(appRef(app), {
      ...metadata,
      status: mergePatch(pick(app.status), redactMessages(pick(status))),
    })) as unknown as Application;
  }

  /**
   * A JSON merge patch of the app (not its status), e.g. `{ operation: null }`; returns the app as stored. A patch
   * carrying `metadata.resourceVersion` is refused (409) when the app changed since that version.
   */
  async patch(app: Application, patch: Record<string, unknown>): Promise<Application> {
    return (await this.client.mergePatch(appRef(app), patch)) as unknown as Application;
  }
}

/** A copy of a status in which every `message` (conditions, operation state, results) has URLs' credentials redacted. */
export function redactMessages<T>(value: T): T {
  if (Array.isArray(value)) return value.map(redactMessages) as T;
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, k === 'message' && typeof v === 'string' ? redactUrls(v) : redactMessages(v)])) as T;
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
