import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifests, type KubeObject } from '@fjord/k8s-yaml';
import { health } from './health-status';
import { getHealthCheck, getResourceHealth, HealthStatusCode as H, type HealthStatusCode } from './index';

const load = (file: string): KubeObject => parseManifests(readFileSync(join(__dirname, '../testdata', file), 'utf8'), file)[0];

describe('getResourceHealth', () => {
  // file in testdata/ → the health Argo CD reports for it (an empty message: the health has none)
  it.each`
    file                                 | status           | message
    ${'deployment-healthy.yaml'}         | ${H.Healthy}     | ${''}
    ${'deployment-rollout.yaml'}         | ${H.Progressing} | ${'Waiting for rollout to finish: 1 of 2 updated replicas are available...'}
    ${'deployment-old-replicas.yaml'}    | ${H.Progressing} | ${'Waiting for rollout to finish: 1 old replicas are pending termination...'}
    ${'deployment-new-replicas.yaml'}    | ${H.Progressing} | ${'Waiting for rollout to finish: 1 out of 3 new replicas have been updated...'}
    ${'deployment-deadline.yaml'}        | ${H.Degraded}    | ${'Deployment "checkout" exceeded its progress deadline'}
    ${'deployment-paused.yaml'}          | ${H.Suspended}   | ${'Deployment is paused'}
    ${'deployment-generation.yaml'}      | ${H.Progressing} | ${'Waiting for rollout to finish: observed deployment generation less than desired generation'}
    ${'deployment-deleting.yaml'}        | ${H.Progressing} | ${'Pending deletion'}
    ${'statefulset-healthy.yaml'}        | ${H.Healthy}     | ${'partitioned roll out complete: 3 new pods have been updated...'}
    ${'statefulset-not-ready.yaml'}      | ${H.Progressing} | ${'Waiting for 2 pods to be ready...'}
    ${'statefulset-partition.yaml'}      | ${H.Progressing} | ${'Waiting for partitioned roll out to finish: 1 out of 3 new pods have been updated...'}
    ${'statefulset-ondelete.yaml'}       | ${H.Healthy}     | ${'statefulset has 3 ready pods'}
    ${'daemonset-rollout.yaml'}          | ${H.Progressing} | ${'Waiting for daemon set "node-exporter" rollout to finish: 3 out of 5 new pods have been updated...'}
    ${'daemonset-healthy.yaml'}          | ${H.Healthy}     | ${''}
    ${'replicaset-quota.yaml'}           | ${H.Degraded}    | ${'pods "worker-7c9f8d6b5-x2k8q" is forbidden: exceeded quota: compute-resources, requested: limits.cpu=2, used: limits.cpu=8, limited: limits.cpu=8'}
    ${'replicaset-scaling.yaml'}         | ${H.Progressing} | ${'Waiting for rollout to finish: 2 out of 3 new replicas are available...'}
    ${'pod-running.yaml'}                | ${H.Healthy}     | ${''}
    ${'pod-crashloop.yaml'}              | ${H.Degraded}    | ${'back-off 2m40s restarting failed container=api pod=payments-api-6d8f7b9c5d-q7w2e_payments(3c0d1e2f-4a5b-6c7d-8e9f-0a1b2c3d4e5f)'}
    ${'pod-imagepull.yaml'}              | ${H.Degraded}    | ${'Back-off pulling image "registry.example.com/checkout:does-not-exist"'}
    ${'pod-pending.yaml'}                | ${H.Progressing} | ${'0/3 nodes are available: 3 Insufficient nvidia.com/gpu.'}
    ${'pod-oomkilled.yaml'}              | ${H.Degraded}    | ${'OOMKilled'}
    ${'pod-exit-code.yaml'}              | ${H.Degraded}    | ${'container "wait-for-db" failed with exit code 2'}
    ${'pod-hook-running.yaml'}           | ${H.Progressing} | ${''}
    ${'pod-succeeded.yaml'}              | ${H.Healthy}     | ${''}
    ${'service-lb-pending.yaml'}         | ${H.Progressing} | ${''}
    ${'service-lb-ready.yaml'}           | ${H.Healthy}     | ${''}
    ${'service-clusterip.yaml'}          | ${H.Healthy}     | ${''}
    ${'ingress-pending.yaml'}            | ${H.Progressing} | ${''}
    ${'ingress-ready.yaml'}              | ${H.Healthy}     | ${''}
    ${'pvc-pending.yaml'}                | ${H.Progressing} | ${''}
    ${'pvc-bound.yaml'}                  | ${H.Healthy}     | ${''}
    ${'pvc-lost.yaml'}                   | ${H.Degraded}    | ${''}
    ${'job-failed.yaml'}                 | ${H.Degraded}    | ${'Job has reached the specified backoff limit'}
    ${'job-running.yaml'}                | ${H.Progressing} | ${''}
    ${'job-complete.yaml'}               | ${H.Healthy}     | ${'Reached expected number of succeeded pods'}
    ${'job-suspended.yaml'}              | ${H.Suspended}   | ${'Job suspended'}
    ${'cronjob-suspended.yaml'}          | ${H.Healthy}     | ${'CronJob is Suspended'}
    ${'cronjob-last-failed.yaml'}        | ${H.Degraded}    | ${'CronJob has not completed its last execution successfully'}
    ${'cronjob-active.yaml'}             | ${H.Healthy}     | ${'The job is running. Its last execution may not have been successful'}
    ${'cronjob-new.yaml'}                | ${H.Healthy}     | ${'CronJob has not been scheduled yet'}
    ${'cronjob-succeeded.yaml'}          | ${H.Healthy}     | ${'CronJob has completed its last execution successfully'}
    ${'hpa-v2-healthy.yaml'}             | ${H.Healthy}     | ${'recommended size matches current size'}
    ${'hpa-v2-degraded.yaml'}            | ${H.Degraded}    | ${'the HPA was unable to compute the replica count: failed to get cpu utilization: missing request for cpu in container checkout of Pod checkout-5c9d8f7b6-abcde'}
    ${'hpa-v1-new.yaml'}                 | ${H.Progressing} | ${'Waiting to Autoscale'}
    ${'apiservice-available.yaml'}       | ${H.Healthy}     | ${'Passed: all checks passed'}
    ${'apiservice-unavailable.yaml'}     | ${H.Progressing} | ${'MissingEndpoints: endpoints for service/metrics-server in "kube-system" have no addresses with port name "https"'}
    ${'application-degraded.yaml'}       | ${H.Degraded}    | ${'Caused by apps/Deployment:payments/payments-api'}
    ${'application-new.yaml'}            | ${H.Progressing} | ${''}
    ${'crossplane-bucket-unsynced.yaml'} | ${H.Degraded}    | ${'observe failed: cannot run refresh: refresh failed: InvalidAccessKeyId: The AWS Access Key Id you provided does not exist in our records.'}
    ${'crossplane-composite-ready.yaml'} | ${H.Healthy}     | ${'Resource is up-to-date.'}
  `('$file', ({ file, status, message }: { file: string; status: HealthStatusCode; message: string }) => {
    expect(getResourceHealth(load(file))).toEqual(health(status, message));
  });

  it('reports no health for a kind without a health check', () => {
    expect(getResourceHealth(load('configmap.yaml'))).toBeUndefined();
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
