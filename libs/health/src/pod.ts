import type { KubeObject } from '@fjord/k8s-yaml';
import { health, HealthStatusCode as H, type HealthStatus } from './health-status';
import { isHook } from './hook';
import { annotations, conditions, field, list, str } from './object';

/** Annotation that makes a run-to-completion Pod (restartPolicy Never/OnFailure) be assessed like a long-running one. */
export const IGNORE_RESTART_POLICY_ANNOTATION = 'argocd.argoproj.io/ignore-restart-policy';

interface ContainerStatus {
  name?: string;
  state?: { waiting?: { reason?: string; message?: string }; terminated?: { reason?: string; message?: string; exitCode?: number } };
  lastState?: { terminated?: unknown };
}

function containerStatuses(obj: KubeObject, key: 'containerStatuses' | 'initContainerStatuses'): ContainerStatus[] {
  return list(obj, 'status', key) as ContainerStatus[];
}

/** Waiting reasons that mean the container is failing rather than starting (ErrImagePull, CrashLoopBackOff, …). */
function isErrorWaitingReason(reason: string): boolean {
  return reason.startsWith('Err') || reason.endsWith('Error') || reason.endsWith('BackOff');
}

function failMessage(ctr: ContainerStatus): string {
  const t = ctr.state?.terminated;
  if (!t) return '';
  if (t.message) return t.message;
  if (t.reason === 'OOMKilled') return t.reason;
  if (t.exitCode) return `container "${ctr.name ?? ''}" failed with exit code ${t.exitCode}`;
  return '';
}

/** Health of a v1 Pod: long-running pods by readiness and container errors, others by phase (hook semantics). */
export function podHealth(obj: KubeObject): HealthStatus {
  const policy = str(obj, 'spec', 'restartPolicy') || 'Always';
  const longRunning = policy === 'Always' || (annotations(obj)[IGNORE_RESTART_POLICY_ANNOTATION] === 'true' && !isHook(obj));
  const message = str(obj, 'status', 'message');
  if (longRunning) {
    const failing = containerStatuses(obj, 'containerStatuses').filter((c) => isErrorWaitingReason(c.state?.waiting?.reason ?? ''));
    if (failing.length > 0) return { status: H.Degraded, message: failing.map((c) => c.state?.waiting?.message ?? '').join(', ') };
  }
  switch (str(obj, 'status', 'phase')) {
    case 'Pending':
      return health(H.Progressing, message);
    case 'Succeeded':
      return health(H.Healthy, message);
    case 'Failed': {
      if (message) return health(H.Degraded, message);
      const all = [...containerStatuses(obj, 'initContainerStatuses'), ...containerStatuses(obj, 'containerStatuses')];
      return health(H.Degraded, all.map(failMessage).find(Boolean));
    }
    case 'Running':
      if (!longRunning) return health(H.Progressing, message);
      if (conditions(obj).some((c) => c.type === 'Ready' && c.status === 'True')) return health(H.Healthy, message);
      if (containerStatuses(obj, 'containerStatuses').some((c) => field(c, 'lastState', 'terminated') !== undefined)) {
        return health(H.Degraded, message);
      }
      return health(H.Progressing, message);
  }
  return health(H.Unknown, message);
}
