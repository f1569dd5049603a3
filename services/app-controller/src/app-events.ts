import { CoreV1Api, type KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '@fjord/platform';
import type { Application } from './application';

/** Reasons of the Events the controller records on an Application. */
export const EventReason = {
  OperationStarted: 'OperationStarted',
  OperationCompleted: 'OperationCompleted',
  OperationFailed: 'OperationFailed',
  SelfHeal: 'ResourceDrifted',
} as const;

/** Records Kubernetes Events on Applications (best effort: a failure is logged, never fatal). */
export class AppEvents {
  private readonly core: CoreV1Api;

  constructor(kc: KubeConfig, private readonly logger: Logger) {
    this.core = kc.makeApiClient(CoreV1Api);
  }

  async record(app: Application, reason: string, message: string, type: 'Normal' | 'Warning' = 'Normal'): Promise<void> {
    const now = new Date().toISOString();
    try {
      await this.core.createNamespacedEvent({
        namespace: app.metadata.namespace,
        body: {
          metadata: { generateName: `${app.metadata.name}.` },
          involvedObject: { apiVersion: 'argoproj.io/v1alpha1', kind: 'Application', name: app.metadata.name, namespace: app.metadata.namespace, uid: app.metadata.uid },
          reason,
          message: message.slice(0, 1024),
          type,
          source: { component: 'fjord-controller' },
          firstTimestamp: now as unknown as Date,
          lastTimestamp: now as unknown as Date,
          count: 1,
        },
      });
    } catch (err) {
      this.logger.warn({ app: app.metadata.name, reason, err: (err as Error).message }, 'failed to record an Event');
    }
  }
}
