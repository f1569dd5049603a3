import type { SealedSecret } from '@fjord/sealing';
import type { CoreV1Event } from '@kubernetes/client-node';
import type { Logger } from '@fjord/platform';
import type { KubeClients } from './kube-client';

/** Event reasons, upstream's names. */
export const EventReason = {
  Unsealed: 'Unsealed',
  UnsealFailed: 'ErrUnsealFailed',
  UpdateFailed: 'ErrUpdateFailed',
} as const;
/** One of {@link EventReason}. */
export type EventReason = (typeof EventReason)[keyof typeof EventReason];

/** Normal or Warning. */
export const EventType = { Normal: 'Normal', Warning: 'Warning' } as const;
/** One of {@link EventType}. */
export type EventType = (typeof EventType)[keyof typeof EventType];

/** The component events are reported by. */
export const EVENT_COMPONENT = 'fjord-secrets';

/** Records Events about SealedSecrets; a failure to record is logged, never fatal. */
export class EventRecorder {
  constructor(
    private readonly clients: KubeClients,
    private readonly logger: Logger,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Records one event on the SealedSecret (the message must carry no secret value). */
  async record(ss: SealedSecret, type: EventType, reason: EventReason, message: string): Promise<void> {
    const meta = ss.metadata ?? {};
    const namespace = meta.namespace ?? 'default';
    const now = this.now();
    const body: CoreV1Event = {
      metadata: { generateName: `${meta.name}.`, namespace },
      involvedObject: {
        apiVersion: ss.apiVersion,
        kind: ss.kind,
        name: meta.name,
        namespace,
        uid: meta.uid,
        resourceVersion: meta.resourceVersion,
      },
      type,
      reason,
      message,
      source: { component: EVENT_COMPONENT },
      reportingComponent: EVENT_COMPONENT,
      firstTimestamp: now,
      lastTimestamp: now,
      count: 1,
    };
    try {
      await this.clients.core.createNamespacedEvent({ namespace, body });
    } catch (err) {
      this.logger.warn({ sealedSecret: `${namespace}/${meta.name}`, reason, err: (err as Error).message }, 'failed to record an event');
    }
  }
}
