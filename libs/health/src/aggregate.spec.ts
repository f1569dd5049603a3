import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifests, type KubeObject } from '@fjord/k8s-yaml';
import { aggregateHealth, HealthStatusCode as H } from './index';

const load = (file: string): KubeObject => parseManifests(readFileSync(join(__dirname, '../testdata', file), 'utf8'), file)[0];
const live = (file: string) => ({ desired: load(file), live: load(file) });
const missing = (file: string) => ({ desired: load(file) });

describe('aggregateHealth', () => {
  it('is Healthy when every resource is, and for kinds without a check', () => {
    const app = aggregateHealth([live('deployment-healthy.yaml'), live('service-clusterip.yaml'), live('configmap.yaml')]);
    expect(app.status).toBe(H.Healthy);
    expect(app.message).toBeUndefined();
    expect(app.resources.map((r) => [r.kind, r.health?.status])).toEqual([
      ['Deployment', H.Healthy],
      ['Service', H.Healthy],
      ['ConfigMap', undefined],
    ]);
  });

  it('keeps the worst status in Argo CD order and names its causes', () => {
    const app = aggregateHealth([live('deployment-paused.yaml'), live('deployment-rollout.yaml'), live('job-failed.yaml'), live('pvc-pending.yaml')]);
    expect(app).toMatchObject({ status: H.Degraded, message: 'Caused by batch/Job:payments/db-migrate' });
  });

  it('lists at most three causes', () => {
    const app = aggregateHealth(['pvc-pending.yaml', 'ingress-pending.yaml', 'service-lb-pending.yaml', 'job-running.yaml'].map(live));
    expect(app.status).toBe(H.Progressing);
    expect(app.message).toBe(
      'Caused by PersistentVolumeClaim:db/data-postgres-0, networking.k8s.io/Ingress:guestbook/guestbook, Service:ingress-nginx/ingress-nginx-controller and 1 more',
    );
  });

  it('reports Missing resources but makes the app Missing only when nothing exists', () => {
    const some = aggregateHealth([live('deployment-healthy.yaml'), missing('service-clusterip.yaml')]);
    expect(some.status).toBe(H.Healthy);
    expect(some.resources[1].health).toEqual({ status: H.Missing });
    expect(aggregateHealth([missing('deployment-healthy.yaml'), missing('service-clusterip.yaml')]).status).toBe(H.Missing);
    expect(aggregateHealth([live('pvc-pending.yaml'), missing('configmap.yaml')], { countMissing: true }).status).toBe(H.Missing);
  });

  it('leaves out hooks and resources annotated ignore-healthcheck', () => {
    const hook = live('job-failed.yaml');
    hook.live.metadata!.annotations = { 'argocd.argoproj.io/hook': 'PreSync' };
    const ignored = live('pod-crashloop.yaml');
    ignored.live.metadata!.annotations = { 'argocd.argoproj.io/ignore-healthcheck': 'true' };
    const helmTest = live('pod-oomkilled.yaml');
    helmTest.live.metadata!.annotations = { 'helm.sh/hook': 'test' };
    const app = aggregateHealth([live('deployment-healthy.yaml'), hook, ignored, helmTest]);
    expect(app.status).toBe(H.Healthy);
    expect(app.resources).toHaveLength(1);
  });

  it('uses a child app health (app of apps) but not when it is Missing or Unknown, nor the app itself', () => {
    const child = live('application-degraded.yaml');
    expect(aggregateHealth([live('deployment-healthy.yaml'), child]).status).toBe(H.Degraded);
    expect(aggregateHealth([live('deployment-healthy.yaml'), child], { appName: 'payments', appNamespace: 'argocd' }).status).toBe(H.Healthy);
    const unknownChild = live('application-degraded.yaml');
    (unknownChild.live.status as { health: { status: string } }).health.status = 'Unknown';
    expect(aggregateHealth([live('deployment-healthy.yaml'), unknownChild]).status).toBe(H.Healthy);
  });

  it('is Healthy for an app with no resources', () => {
    expect(aggregateHealth([])).toEqual({ status: H.Healthy, resources: [] });
  });
});
