import {
  nextSealedSecretStatus,
  planSecretWrite,
  SecretWriteAction,
  SYNCED_CONDITION,
  SyncReason,
  unsealSecret,
  type SealedSecret,
  type SealingError,
  type Secret,
  type SyncOutcome,
} from '@fjord/sealing';
import { PatchStrategy, setHeaderOptions, type V1Secret } from '@kubernetes/client-node';
import type { KeyObject } from 'node:crypto';
import type { Logger } from '@fjord/platform';
import type { HandlerResult } from '@fjord/workqueue';
import { UnsealErrorReason, type ControllerMetrics } from './controller-metrics';
import { EventReason, EventType, type EventRecorder } from './events';
import { apiErrorMessage, apiStatus, isNotFound, SEALED_SECRETS, type KubeClients } from './kube-client';
import { toSecret } from './key-store';

/** What the reconciler needs; keys are read on every call so that new keys apply at once. */
export interface ReconcilerDeps {
  clients: KubeClients;
  privateKeys: () => KeyObject[];
  events: EventRecorder;
  metrics: ControllerMetrics;
  logger: Logger;
  acceptDeprecatedV1Data: boolean;
  updateStatus: boolean;
  now?: () => Date;
}

type Attempt = SyncOutcome & { retry: boolean; changedSecret: boolean };

/**
 * Reconciles one SealedSecret by key (`namespace/name`): re-reads it, unseals it, creates or updates its Secret
 * (never overwriting one it does not manage), records an event, and writes the Synced condition. Decryption and
 * ownership failures are terminal until the SealedSecret or the keys change; API failures are retried.
 */
export class Reconciler {
  /** Keys of SealedSecrets whose last attempt failed (a new sealing key may fix them). */
  readonly failing = new Set<string>();

  constructor(private readonly deps: ReconcilerDeps) {}

  /** The queue's handler: a transient (API) failure answers `retry`, so the key backs off and comes again. */
  async reconcile(key: string): Promise<HandlerResult> {
    const [namespace, name] = key.split('/');
    const ss = await this.fetch(namespace, name);
    if (!ss) {
      this.failing.delete(key);
      this.deps.metrics.conditionInfo.remove({ namespace, name, condition: SYNCED_CONDITION });
      return undefined; // the Secret goes with it: Kubernetes GC follows the ownerReference
    }
    this.deps.metrics.unsealRequests.inc();
    const attempt = await this.sync(ss);
    if (attempt.ok) this.failing.delete(key);
    else this.failing.add(key);
    this.deps.logger.info({ sealedSecret: key, synced: attempt.ok, reason: attempt.reason, message: attempt.message || undefined }, 'reconciled');
    await this.writeStatus(ss, attempt);
    return attempt.retry ? { retry: true } : undefined;
  }

  private async fetch(namespace: string, name: string): Promise<SealedSecret | undefined> {
    try {
      return (await this.deps.clients.custom.getNamespacedCustomObject({ ...SEALED_SECRETS, namespace, name })) as SealedSecret;
    } catch (err) {
      if (isNotFound(err)) return undefined;
      this.deps.metrics.unsealErrors.inc({ reason: UnsealErrorReason.Fetch, namespace });
      throw err;
    }
  }

  private async sync(ss: SealedSecret): Promise<Attempt> {
    const namespace = ss.metadata!.namespace!;
    const name = ss.metadata!.name!;
    const fail = async (reason: string, message: string, event: EventReason, metric: UnsealErrorReason, retry: boolean): Promise<Attempt> => {
      await this.deps.events.record(ss, EventType.Warning, event, event === EventReason.UnsealFailed ? `Failed to unseal: ${message}` : message);
      this.deps.metrics.unsealErrors.inc({ reason: metric, namespace });
      return { ok: false, reason, message, retry, changedSecret: false };
    };

    let desired: Secret;
    try {
      desired = unsealSecret(ss, this.deps.privateKeys(), { acceptDeprecatedV1Data: this.deps.acceptDeprecatedV1Data });
    } catch (err) {
      const e = err as SealingError;
      return fail(e.reason ?? 'UnsealFailed', e.message, EventReason.UnsealFailed, UnsealErrorReason.Unseal, false);
    }

    let live: V1Secret | undefined;
    try {
      live = await this.deps.clients.core.readNamespacedSecret({ namespace, name });
    } catch (err) {
      if (!isNotFound(err)) return fail(SyncReason.UpdateFailed, apiErrorMessage(err), EventReason.UpdateFailed, UnsealErrorReason.Update, true);
    }

    const plan = planSecretWrite(live && toSecret(live), desired, ss.metadata?.uid);
    try {
      if (plan.action === SecretWriteAction.Refuse) {
        return fail(SyncReason.Unmanaged, `failed update: ${plan.message}`, EventReason.UpdateFailed, UnsealErrorReason.Unmanaged, false);
      }
      if (plan.action === SecretWriteAction.Create) {
        await this.deps.clients.core.createNamespacedSecret({ namespace, body: desired as V1Secret });
      } else if (plan.action === SecretWriteAction.Update) {
        const body = { ...live!, ...(plan.secret as V1Secret), metadata: { ...(plan.secret!.metadata as V1Secret['metadata']) } };
        delete body.metadata!.creationTimestamp;
        delete body.metadata!.managedFields;
        await this.deps.clients.core.replaceNamespacedSecret({ namespace, name, body });
      }
    } catch (err) {
      const immutable = apiStatus(err) === 422 && /immutable/i.test(apiErrorMessage(err));
      const message = immutable ? `Secret ${namespace}/${name} is immutable: delete it to let it be re-created` : apiErrorMessage(err);
      return fail(SyncReason.UpdateFailed, message, EventReason.UpdateFailed, UnsealErrorReason.Update, !immutable);
    }
    const changedSecret = plan.action !== SecretWriteAction.Unchanged;
    const wasSynced = ss.status?.conditions?.some((c) => c.type === SYNCED_CONDITION && c.status === 'True');
    if (changedSecret || !wasSynced) {
      await this.deps.events.record(ss, EventType.Normal, EventReason.Unsealed, 'SealedSecret unsealed successfully');
    }
    return { ok: true, reason: SyncReason.Unsealed, message: '', retry: false, changedSecret };
  }

  private async writeStatus(ss: SealedSecret, attempt: Attempt): Promise<void> {
    const { namespace, name } = ss.metadata as { namespace: string; name: string };
    this.deps.metrics.conditionInfo.set({ namespace, name, condition: SYNCED_CONDITION }, attempt.ok ? 1 : 0);
    if (!this.deps.updateStatus) return;
    const now = this.deps.now?.() ?? new Date();
    const { status, changed } = nextSealedSecretStatus(ss.status, ss.metadata?.generation, attempt, now);
    if (!changed) return;
    try {
      await this.deps.clients.custom.patchNamespacedCustomObjectStatus(
        { ...SEALED_SECRETS, namespace, name, body: { status } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    } catch (err) {
      if (isNotFound(err)) return;
      this.deps.metrics.unsealErrors.inc({ reason: UnsealErrorReason.Status, namespace });
      this.deps.logger.warn({ sealedSecret: `${namespace}/${name}`, err: apiErrorMessage(err) }, 'failed to update the SealedSecret status');
    }
  }
}
