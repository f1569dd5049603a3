import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseManifests, type KubeObject } from '@fjord/k8s-yaml';
import { keyString, SyncStatus, type ResourceIgnoreDifferences } from '@fjord/argo';
import { appSyncStatus, describeDrift, diffResources, resourceKeyOf, type DiffResourcesOptions } from './index';

const load = (file: string): KubeObject[] => parseManifests(readFileSync(join(__dirname, '../testdata', file), 'utf8'), file);
const one = (file: string) => load(file)[0];
const guestbook: DiffResourcesOptions = { appName: 'guestbook', namespace: 'guestbook' };

describe('diffResources', () => {
  it('finds no difference between a desired Deployment/Service and their live forms with defaults filled in', () => {
    const result = diffResources(
      [one('deployment-desired.yaml'), one('service-desired.yaml')],
      [one('deployment-live.yaml'), one('service-live.yaml')],
      guestbook,
    );
    expect(result.map((r) => [r.kind, r.namespace, r.status, r.modified, r.diff])).toEqual([
      ['Deployment', 'guestbook', SyncStatus.Synced, false, ''],
      ['Service', 'guestbook', SyncStatus.Synced, false, ''],
    ]);
    expect(result[0].normalizedLive?.metadata).not.toHaveProperty('managedFields');
    expect(result[0].normalizedLive).not.toHaveProperty('status');
    expect(appSyncStatus(result)).toBe(SyncStatus.Synced);
  });

  it('reports a replicas and image drift with the managers that made it', () => {
    const [deploy] = diffResources([one('deployment-desired.yaml')], [one('deployment-live-drifted.yaml')], guestbook);
    expect(deploy).toMatchObject({ status: SyncStatus.OutOfSync, modified: true, requiresPruning: false });
    expect(deploy.drift).toEqual([
      {
        path: 'spec.replicas',
        change: 'modified',
        managers: [{ manager: 'kubectl', operation: 'Update', subresource: 'scale', time: '2026-11-29T12:03:00Z' }],
      },
      {
        path: 'spec.template.spec.containers[name=web].image',
        change: 'modified',
        managers: [{ manager: 'kubectl-edit', operation: 'Update', time: '2026-11-29T12:05:17Z' }],
      },
    ]);
    expect(deploy.drift.map(describeDrift)).toEqual([
      'kubectl changed spec.replicas at 2026-11-29T12:03:00Z',
      'kubectl-edit changed spec.template.spec.containers[name=web].image at 2026-11-29T12:05:17Z',
    ]);
    expect(deploy.diff).toContain('--- live/apps/Deployment/guestbook/guestbook-ui\n+++ desired/apps/Deployment/guestbook/guestbook-ui\n');
    expect(deploy.diff).toContain('-  replicas: 5\n+  replicas: 2\n');
    expect(deploy.diff).toContain('-          image: registry.example.com/guestbook-ui:debug\n+          image: registry.example.com/guestbook-ui:4f2a9c1\n');
    expect(appSyncStatus([deploy])).toBe(SyncStatus.OutOfSync);
  });

  it('uses a server-side dry-run result and drops what mutating webhooks added', () => {
    const desired = one('deployment-desired.yaml');
    const dryRunResults = new Map([[keyString(resourceKeyOf(desired, 'guestbook')), one('deployment-dryrun.yaml')]]);
    const [deploy] = diffResources([desired], [one('deployment-live-drifted.yaml')], { ...guestbook, dryRunResults });
    expect(deploy.drift.map((d) => d.path)).toEqual(['spec.replicas', 'spec.template.spec.containers[name=web].image']);
    expect(deploy.predictedLive?.metadata?.annotations).not.toHaveProperty(['example.com/injected-at']);
    const kept = diffResources([desired], [one('deployment-live-drifted.yaml')], { ...guestbook, dryRunResults, includeMutationWebhook: true })[0];
    expect(kept.drift.map((d) => d.path)).toContain('metadata.annotations["example.com/injected-at"]');
  });

  describe('ignoreDifferences', () => {
    /** The desired Deployment diffed against its drifted live copy, the given differences ignored. */
    const diffDrifted = (ignoreDifferences: ResourceIgnoreDifferences[]) =>
      diffResources([one('deployment-desired.yaml')], [one('deployment-live-drifted.yaml')], { ...guestbook, ignoreDifferences })[0];

    it('by jsonPointer', () => {
      const deploy = diffDrifted([{ group: 'apps', kind: 'Deployment', jsonPointers: ['/spec/replicas'] }]);
      expect(deploy.drift.map((d) => d.path)).toEqual(['spec.template.spec.containers[name=web].image']);
    });

    it('by jq path expression', () => {
      const deploy = diffDrifted([
        {
          group: 'apps',
          kind: 'Deployment',
          jqPathExpressions: ['.spec.template.spec.containers[] | select(.name == "web") | .image', '.spec.replicas'],
        },
      ]);
      expect(deploy).toMatchObject({ status: SyncStatus.Synced, modified: false, diff: '' });
    });

    it('by managedFieldsManagers, for fields those managers own', () => {
      const deploy = diffDrifted([{ group: '*', kind: 'Deployment', managedFieldsManagers: ['kubectl'] }]);
      expect(deploy.drift.map((d) => d.path)).toEqual(['spec.template.spec.containers[name=web].image']);
    });

    it('only for matching group, kind, name and namespace', () => {
      const deploy = diffDrifted([{ group: 'apps', kind: 'Deployment', name: 'other', jsonPointers: ['/spec/replicas'] }]);
      expect(deploy.drift).toHaveLength(2);
    });

    it('rejects a broken jq expression with a clear error', () => {
      expect(() => diffResources([], [], { ...guestbook, ignoreDifferences: [{ kind: 'Deployment', jqPathExpressions: ['.spec.replicas |'] }] })).toThrow(
        /invalid ignoreDifferences jqPathExpression for kind Deployment/,
      );
    });
  });

  it('shows only redaction markers for Secret values, in every output', () => {
    const [secret] = diffResources([one('secret-desired.yaml')], [one('secret-live.yaml')], { appName: 'payments', namespace: 'payments' });
    expect(secret).toMatchObject({ status: SyncStatus.OutOfSync, modified: true });
    const everything = JSON.stringify(secret);
    for (const plain of [
      's3cr3t-from-git',
      'hunter2-typed-by-hand',
      'aHVudGVyMi10eXBlZC1ieS1oYW5k',
      'cGF5bWVudHM=',
      Buffer.from('s3cr3t-from-git').toString('base64'),
    ]) {
      expect(everything).not.toContain(plain);
    }
    expect(secret.predictedLive?.data).toEqual({ username: '++++++++', password: '++++++++', url: '++++++++' });
    expect(secret.normalizedLive?.data).toEqual({ username: '++++++++', password: '++++++++++++', url: '++++++++' });
    expect(secret.diff).toContain('-  password: ++++++++++++\n+  password: ++++++++\n');
    expect(secret.drift).toEqual([
      { path: 'data.password', change: 'modified', managers: [expect.objectContaining({ manager: 'kubectl-client-side-apply' })] },
    ]);
  });

  it('reports desired objects missing from the cluster as OutOfSync', () => {
    const result = diffResources([one('deployment-desired.yaml'), one('service-desired.yaml')], [], guestbook);
    expect(result.map((r) => [r.kind, r.status, r.modified, r.requiresPruning])).toEqual([
      ['Deployment', SyncStatus.OutOfSync, true, false],
      ['Service', SyncStatus.OutOfSync, true, false],
    ]);
    expect(result[1].diff).toContain('--- /dev/null\n+++ desired/Service/guestbook/guestbook-ui\n');
    expect(appSyncStatus(result)).toBe(SyncStatus.OutOfSync);
  });

  it('marks live objects tracked by the app and no longer desired for pruning, honouring IgnoreExtraneous', () => {
    const result = diffResources([], load('extraneous-live.yaml'), guestbook);
    expect(result.map((r) => [r.name, r.status, r.requiresPruning, r.affectsAppSync])).toEqual([
      ['guestbook-generated-cache', SyncStatus.OutOfSync, true, false],
      ['guestbook-old-config', SyncStatus.OutOfSync, true, true],
      ['guestbook-ui-leader', undefined, false, false],
    ]);
    expect(appSyncStatus(result)).toBe(SyncStatus.OutOfSync);
    expect(appSyncStatus(result.filter((r) => r.name !== 'guestbook-old-config'))).toBe(SyncStatus.Synced);
  });

  it('gives hooks and Skip resources no sync status', () => {
    const hook = { ...one('extraneous-live.yaml') };
    hook.metadata = {
      ...hook.metadata,
      annotations: { 'argocd.argoproj.io/hook': 'PreSync', 'argocd.argoproj.io/tracking-id': 'guestbook:/ConfigMap:guestbook/guestbook-old-config' },
    };
    const skipped = one('service-desired.yaml');
    skipped.metadata!.annotations = { 'argocd.argoproj.io/hook': 'Skip' };
    const result = diffResources([hook, skipped], [hook], guestbook);
    expect(result.map((r) => [r.kind, r.hook, r.status, r.requiresPruning])).toEqual([
      ['Service', false, undefined, false],
      ['ConfigMap', true, undefined, false],
    ]);
    expect(appSyncStatus(result)).toBe(SyncStatus.Synced);
  });

  it('uses kubectl’s last-applied configuration to see fields removed from Git', () => {
    const live = one('service-live.yaml');
    live.metadata!.annotations = {
      ...(live.metadata!.annotations as object),
      'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
        ...one('service-desired.yaml'),
        spec: { ...(one('service-desired.yaml').spec as object), sessionAffinity: 'ClientIP' },
      }),
    };
    (live.spec as Record<string, unknown>).sessionAffinity = 'ClientIP';
    const [svc] = diffResources([one('service-desired.yaml')], [live], guestbook);
    expect(svc.drift.map((d) => [d.path, d.change])).toEqual([['spec.sessionAffinity', 'removed']]);
  });
});
