import { ClusterCache } from '@fjord/cluster-cache';
import { testKubeConfig, useTestNamespace, eventually, gadgetCrd, gadgetSpecSchema, testGroup } from '@fjord/devkit';
import type { KubeObject } from '@fjord/k8s-yaml';
import { testKubectl } from '../test/kubectl';
import { DryRunner, predictionKey } from './dry-run';
import { KubeClient } from './kube-client';

jest.setTimeout(120_000);

const desired: KubeObject = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', namespace: 'shop' }, spec: { replicas: 2 } };

/** A live Deployment as the cache holds it: generation 4, status written by the controller-manager. */
function liveDeployment(): KubeObject {
  return {
    ...structuredClone(desired),
    metadata: {
      name: 'web',
      namespace: 'shop',
      uid: 'u-1',
      generation: 4,
      resourceVersion: '100',
      labels: { app: 'web' },
      annotations: { 'deployment.kubernetes.io/revision': '3' },
      managedFields: [
        {
          manager: 'fjord-controller',
          operation: 'Apply',
          apiVersion: 'apps/v1',
          time: '2026-01-01T00:00:00Z',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:spec': { 'f:replicas': {} } },
        },
        {
          manager: 'kube-controller-manager',
          operation: 'Update',
          apiVersion: 'apps/v1',
          time: '2026-01-01T00:00:01Z',
          fieldsType: 'FieldsV1',
          subresource: 'status',
          fieldsV1: { 'f:status': {} },
        },
      ],
    },
    status: { replicas: 1, updatedReplicas: 1 },
  };
}

function changed(edit: (live: KubeObject & { metadata: Record<string, unknown> }) => void): KubeObject {
  const live = liveDeployment() as KubeObject & { metadata: Record<string, unknown> };
  edit(live);
  return live;
}

describe('predictionKey', () => {
  const key = predictionKey(desired, liveDeployment());

  it('stays the same when only status moves: new resourceVersion, status, status-subresource ownership and times', () => {
    const statusOnly = changed((live) => {
      live.metadata.resourceVersion = '187';
      live.status = { replicas: 2, updatedReplicas: 2, readyReplicas: 2 };
      const fields = live.metadata.managedFields as Record<string, unknown>[];
      fields[0].time = '2026-01-01T00:05:00Z';
      fields[1].time = '2026-01-01T00:05:01Z';
      fields[1].fieldsV1 = { 'f:status': { 'f:readyReplicas': {} } };
    });
    expect(predictionKey(desired, statusOnly)).toBe(key);
  });

  it.each<[string, (live: KubeObject & { metadata: Record<string, unknown> }) => void]>([
    ['a new generation (spec changed)', (live) => (live.metadata.generation = 5)],
    ['another uid (deleted and created again)', (live) => (live.metadata.uid = 'u-2')],
    ['labels', (live) => (live.metadata.labels = { app: 'web', tier: 'front' })],
    ['annotations', (live) => (live.metadata.annotations = { 'deployment.kubernetes.io/revision': '4' })],
    ['ownerReferences', (live) => (live.metadata.ownerReferences = [{ apiVersion: 'v1', kind: 'ConfigMap', name: 'owner', uid: 'o-1' }])],
    ['finalizers', (live) => (live.metadata.finalizers = ['fjord.dev/hook'])],
    ['deletionTimestamp', (live) => (live.metadata.deletionTimestamp = '2026-01-01T00:06:00Z')],
    [
      'ownership of the main resource',
      (live) =>
        (live.metadata.managedFields as unknown[]).push({
          manager: 'kubectl',
          operation: 'Apply',
          apiVersion: 'apps/v1',
          fieldsType: 'FieldsV1',
          fieldsV1: { 'f:spec': { 'f:replicas': {} } },
        }),
    ],
  ])('changes with %s', (_what, edit) => {
    expect(predictionKey(desired, changed(edit))).not.toBe(key);
  });

  it('changes with the desired object', () => {
    expect(predictionKey({ ...desired, spec: { replicas: 3 } }, liveDeployment())).not.toBe(key);
  });

  it('uses the resourceVersion of an object without a generation, or the one given alone', () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', uid: 'u-9', resourceVersion: '7' }, data: { a: '1' } };
    const cmKey = predictionKey(cm, cm);
    expect(predictionKey(cm, { ...cm, metadata: { ...cm.metadata, resourceVersion: '8' } })).not.toBe(cmKey);
    expect(predictionKey(cm, '7')).toBe(cmKey);
    expect(predictionKey(desired, '100')).not.toBe(key);
  });
});

// Given the real API server, the dry run sends the desired object as rendered and returns the server's prediction
// as it came; it asks again when the live object's spec or metadata moved, not when only its status did.
describe('DryRunner', () => {
  const namespace = useTestNamespace('dryrun');
  const group = testGroup();
  let kubectl: Awaited<ReturnType<typeof testKubectl>>;
  let dryRun: DryRunner;
  let cache: ClusterCache;
  let client: KubeClient;

  beforeAll(async () => {
    kubectl = await testKubectl();
    cache = new ClusterCache({ kubeConfig: testKubeConfig() });
    await cache.start();
    client = new KubeClient(testKubeConfig(), cache);
    dryRun = new DryRunner(client);
  });

  afterAll(async () => {
    await cache?.stop();
    client?.close();
    kubectl?.run('delete', '--ignore-not-found', '--wait=false', `crd/gadgets.${group}`);
  });

  it('predicts a CRD with its nested x-kubernetes-* schema keys, and a built-in field the client does not model', async () => {
    const crd = await dryRun.predict(gadgetCrd(group), '');
    expect(crd?.metadata?.uid).toEqual(expect.any(String)); // the server's answer, not an echo
    const schema = gadgetSpecSchema(crd!);
    expect(schema.values['x-kubernetes-preserve-unknown-fields']).toBe(true);
    expect(schema.port['x-kubernetes-int-or-string']).toBe(true);

    const driver = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'CSIDriver',
      metadata: { name: `${group.split('.')[0]}.csi.fjord.dev` },
      spec: { tokenRequests: [{ audience: 'fjord' }], serviceAccountTokenInSecrets: true },
    };
    const predicted = await dryRun.predict(driver, '');
    expect(predicted?.spec).toMatchObject({ serviceAccountTokenInSecrets: true, attachRequired: true }); // defaulted by the server
    expect(kubectl.run('get', '--ignore-not-found', `crd/gadgets.${group}`, `csidriver/${driver.metadata.name}`)).toBe('');
  });

  it('makes no new dry run when only the status of the live object changed, and one when its spec or labels did', async () => {
    const ns = namespace();
    await client.apply(gadgetCrd(group), { dryRun: false });
    const gadget = { apiVersion: `${group}/v1`, kind: 'Gadget', metadata: { name: 'g1', namespace: ns }, spec: { port: 8080, values: { a: 1 } } };
    await eventually(() => client.apply(gadget, { dryRun: false }), { timeoutMs: 30_000 });
    const live = () => kubectl.get('--show-managed-fields', '-n', ns, `gadgets.${group}/g1`); // as the cache holds it

    const first = live();
    expect(await dryRun.predict(gadget, first)).toMatchObject({ spec: gadget.spec });
    const requests = dryRun.requests;
    kubectl.run('patch', '-n', ns, `gadgets.${group}/g1`, '--subresource=status', '--type=merge', '-p', '{"status":{"phase":"Rolling"}}');
    const statusMoved = live();
    expect(statusMoved.metadata?.resourceVersion).not.toBe(first.metadata?.resourceVersion);
    expect(await dryRun.predict(gadget, statusMoved)).toMatchObject({ spec: gadget.spec });
    expect(dryRun.requests).toBe(requests);

    kubectl.run('label', '-n', ns, `gadgets.${group}/g1`, 'tier=front');
    expect(await dryRun.predict(gadget, live())).toMatchObject({ metadata: { labels: { tier: 'front' } } });
    expect(dryRun.requests).toBe(requests + 1);

    kubectl.run('patch', '-n', ns, `gadgets.${group}/g1`, '--type=merge', '-p', '{"spec":{"values":{"b":2}}}');
    expect(await dryRun.predict(gadget, live())).toBeDefined();
    expect(dryRun.requests).toBe(requests + 2);
  });
});
