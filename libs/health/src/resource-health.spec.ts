import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifests, type KubeObject } from '@fjord/k8s-yaml';
import { getHealthCheck, getResourceHealth, HealthStatusCode as H, type HealthStatus } from './index';

const load = (file: string): KubeObject => parseManifests(readFileSync(join(__dirname, '../testdata', file), 'utf8'), file)[0];

/** file in testdata/ → the health Argo CD reports for it. */
const cases: [string, HealthStatus | undefined][] = [
  ['deployment-healthy.yaml', { status: H.Healthy }],
  ['deployment-rollout.yaml', { status: H.Progressing, message: 'Waiting for rollout to finish: 1 of 2 updated replicas are available...' }],
  ['deployment-old-replicas.yaml', { status: H.Progressing, message: 'Waiting for rollout to finish: 1 old replicas are pending termination...' }],
  ['deployment-new-replicas.yaml', { status: H.Progressing, message: 'Waiting for rollout to finish: 1 out of 3 new replicas have been updated...' }],
  ['deployment-deadline.yaml', { status: H.Degraded, message: 'Deployment "checkout" exceeded its progress deadline' }],
  ['deployment-paused.yaml', { status: H.Suspended, message: 'Deployment is paused' }],
  [
    'deployment-generation.yaml',
    { status: H.Progressing, message: 'Waiting for rollout to finish: observed deployment generation less than desired generation' },
  ],
  ['deployment-deleting.yaml', { status: H.Progressing, message: 'Pending deletion' }],
  ['statefulset-healthy.yaml', { status: H.Healthy, message: 'partitioned roll out complete: 3 new pods have been updated...' }],
  ['statefulset-not-ready.yaml', { status: H.Progressing, message: 'Waiting for 2 pods to be ready...' }],
  ['statefulset-partition.yaml', { status: H.Progressing, message: 'Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...' }],
  ['statefulset-ondelete.yaml', { status: H.Healthy, message: 'statefulset has 3 ready pods' }],
  [
    'daemonset-rollout.yaml',
    { status: H.Progressing, message: 'Waiting for daemon set "node-exporter" rollout to finish: 3 out of 5 new pods have been updated...' },
  ],
  ['daemonset-healthy.yaml', { status: H.Healthy }],
  [
    'replicaset-quota.yaml',
    {
      status: H.Degraded,
      message:
        'pods "worker-7c9f8d6b5-x2k8q" is forbidden: exceeded quota: compute-resources, requested: limits.cpu=2, used: limits.cpu=8, limited: limits.cpu=8',
    },
  ],
  ['replicaset-scaling.yaml', { status: H.Progressing, message: 'Waiting for rollout to finish: 2 out of 3 new replicas are available...' }],
  ['pod-running.yaml', { status: H.Healthy }],
  [
    'pod-crashloop.yaml',
    {
      status: H.Degraded,
      message: 'back-off 2m40s restarting failed container=api pod=payments-api-6d8f7b9c5d-q7w2e_payments(3c0d1e2f-4a5b-6c7d-8e9f-0a1b2c3d4e5f)',
    },
  ],
  ['pod-imagepull.yaml', { status: H.Degraded, message: 'Back-off pulling image "registry.example.com/checkout:does-not-exist"' }],
  ['pod-pending.yaml', { status: H.Progressing, message: '0/3 nodes are available: 3 Insufficient nvidia.com/gpu.' }],
  ['pod-oomkilled.yaml', { status: H.Degraded, message: 'OOMKilled' }],
  ['pod-exit-code.yaml', { status: H.Degraded, message: 'container "wait-for-db" failed with exit code 2' }],
  ['pod-hook-running.yaml', { status: H.Progressing }],
  ['pod-succeeded.yaml', { status: H.Healthy }],
  ['service-lb-pending.yaml', { status: H.Progressing }],
  ['service-lb-ready.yaml', { status: H.Healthy }],
  ['service-clusterip.yaml', { status: H.Healthy }],
  ['ingress-pending.yaml', { status: H.Progressing }],
  ['ingress-ready.yaml', { status: H.Healthy }],
  ['pvc-pending.yaml', { status: H.Progressing }],
  ['pvc-bound.yaml', { status: H.Healthy }],
  ['pvc-lost.yaml', { status: H.Degraded }],
  ['job-failed.yaml', { status: H.Degraded, message: 'Job has reached the specified backoff limit' }],
  ['job-running.yaml', { status: H.Progressing }],
  ['job-complete.yaml', { status: H.Healthy, message: 'Reached expected number of succeeded pods' }],
  ['job-suspended.yaml', { status: H.Suspended, message: 'Job suspended' }],
  ['cronjob-suspended.yaml', { status: H.Healthy, message: 'CronJob is Suspended' }],
  ['cronjob-last-failed.yaml', { status: H.Degraded, message: 'CronJob has not completed its last execution successfully' }],
  ['cronjob-active.yaml', { status: H.Healthy, message: 'The job is running. Its last execution may not have been successful' }],
  ['cronjob-new.yaml', { status: H.Healthy, message: 'CronJob has not been scheduled yet' }],
  ['cronjob-succeeded.yaml', { status: H.Healthy, message: 'CronJob has completed its last execution successfully' }],
  ['hpa-v2-healthy.yaml', { status: H.Healthy, message: 'recommended size matches current size' }],
  [
    'hpa-v2-degraded.yaml',
    {
      status: H.Degraded,
      message:
        'the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container checkout of Pod checkout-5c9d8f7b6-abcde',
    },
  ],
  ['hpa-v1-new.yaml', { status: H.Progressing, message: 'Waiting to Autoscale' }],
  ['apiservice-available.yaml', { status: H.Healthy, message: 'Passed: all checks passed' }],
  [
    'apiservice-unavailable.yaml',
    { status: H.Progressing, message: 'MissingEndpoints: endpoints for service/metrics-server in "kube-system" have no addresses with port name "https"' },
  ],
  ['application-degraded.yaml', { status: H.Degraded, message: 'Caused by apps/Deployment:payments/payments-api' }],
  ['application-new.yaml', { status: H.Progressing }],
  [
    'crossplane-bucket-unsynced.yaml',
    {
      status: H.Degraded,
      message: 'observe failed: cannot run refresh: refresh failed: InvalidAccessKeyId: The AWS Access Key Id you provided does not exist in our records.',
    },
  ],
  ['crossplane-composite-ready.yaml', { status: H.Healthy, message: 'Resource is up-to-date.' }],
  ['configmap.yaml', undefined],
];

describe('getResourceHealth', () => {
  it.each(cases)('%s', (file, expected) => {
    expect(getResourceHealth(load(file))).toEqual(expected);
  });

  it('reads autoscaling/v1 conditions from their annotation', () => {
    const hpa = load('hpa-v1-new.yaml');
    hpa.metadata!.annotations = {
      'autoscaling.alpha.kubernetes.io/conditions': JSON.stringify([
        { type: 'AbleToScale', status: 'True', reason: 'SucceededRescale', message: 'the HPA controller was able to update the target scale to 2' },
      ]),
    };
    expect(getResourceHealth(hpa)).toEqual({ status: H.Healthy, message: 'the HPA controller was able to update the target scale to 2' });
  });

  it('assesses a run-to-completion pod like a long-running one with ignore-restart-policy, but never a hook', () => {
    const pod = load('pod-hook-running.yaml');
    const annotations: Record<string, string> = { 'argocd.argoproj.io/ignore-restart-policy': 'true' };
    pod.metadata!.annotations = annotations;
    expect(getResourceHealth(pod)).toEqual({ status: H.Healthy });
    annotations['argocd.argoproj.io/hook'] = 'PostSync';
    expect(getResourceHealth(pod)).toEqual({ status: H.Progressing });
  });

  it('does not report a hook being deleted under its hook finalizer as pending deletion', () => {
    const job = load('job-complete.yaml');
    job.metadata!.deletionTimestamp = '2026-11-29T12:10:00Z';
    job.metadata!.finalizers = ['argocd.argoproj.io/hook-finalizer'];
    expect(getResourceHealth(job)?.status).toBe(H.Healthy);
  });

  it('reports an API version it cannot read as Unknown', () => {
    const dep = { ...load('deployment-healthy.yaml'), apiVersion: 'apps/v1beta2' };
    expect(getResourceHealth(dep)).toEqual({ status: H.Unknown, message: 'unsupported Deployment GVK: apps/v1beta2, Kind=Deployment' });
  });

  it('has checks for exactly the built-in kinds and condition-based families', () => {
    expect(getHealthCheck('apps', 'Deployment')).toBeDefined();
    expect(getHealthCheck('', 'ConfigMap')).toBeUndefined();
    expect(getHealthCheck('ec2.services.k8s.aws', 'VPC')).toBeDefined();
  });
});
