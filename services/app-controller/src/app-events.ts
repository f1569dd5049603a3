import type { Logger } from '@fjord/platform';
import type { Application } from '@fjord/argo';
import type { KubeClient } from './kube-client';

/** Reasons of the Events the controller records on an Application. */
export const EventReason = {
  OperationStarted: 'OperationStarted',
  OperationCompleted: 'OperationCompleted',
  OperationFailed: 'OperationFailed',
  SelfHeal: 'ResourceDrifted',
} as const;

/** Records Kubernetes Events on Applications (best effort: a failure is logged, never fatal). */
export class AppEvents {
  constructor(
    private readonly client: KubeClient,
    private readonly logger: Logger,
  ) {}

  async record(app: Application, reason: string, message: string, type: 'Normal' | 'Warning' = 'Normal'): Promise<void> {
    const about = {
      apiVersion: 'argoproj.io/v1alpha1',
      kind: 'Application',
      metadata: { name: app.metadata.name, namespace: app.metadata.namespace, uid: app.metadata.uid },
    };
    try {
      await this.client.recordEvent(about, { reason, message, type });
    } catch (err) {
      this.logger.warn({ app: app.metadata.name, reason, err: (err as Error).message }, 'failed to record an Event');
    }
  }
}
