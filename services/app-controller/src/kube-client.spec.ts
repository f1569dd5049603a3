import { ClusterCache } from '@fjord/cluster-cache';
import { eventually, gadgetCrd, gadgetSpecSchema, testGroup, testKubeConfig, useTestNamespace } from '@fjord/devkit';
import type { KubeObject } from '@fjord/k8s-yaml';
import { testKubectl } from '../test/kubectl';
import { FIELD_MANAGER, KubeClient } from './kube-client';
import { isNotFound } from './object-request-error';

// Given the real API server and the real cluster cache's discovery, what the client sends arrives as rendered: a
// CRD keeps the x-kubernetes-* keys nested in its schema (and so its custom resources keep their free-form
// fields), a built-in object keeps a field newer than the Kubernetes client's models; a kind created during the
// test is found before the cache has seen it; replace creates what is absent, deleting what is gone is fine, a
// delete names the uid it decided about; merge and status patches, reads, lists and Events reach the API server;
// an object without a kind or of a kind the API server does not serve fails with an error naming it.

jest.setTimeout(120_000);

const namespace = useTestNamespace('writer');
const group = testGroup();
const csiDriver = `${group.split('.')[0]}.csi.fjord.dev`;
let cache: ClusterCache;
let writer: KubeClient;
let kubectl: Awaited<ReturnType<typeof testKubectl>>;

beforeAll(async () => {
  cache = new ClusterCache({ kubeConfig: testKubeConfig() });
  await cache.start();
  writer = new KubeClient(testKubeConfig(), cache);
  kubectl = await testKubectl();
});

afterAll(async () => {
  await cache?.stop();
  writer?.close();
  kubectl?.run('delete', '--ignore-not-found', '--wait=false', `crd/gadgets.${group}`, `csidriver/${csiDriver}`);
});

describe('KubeClient', () => {
  it('applies a CRD with its nested x-kubernetes-* schema keys, which then shape its custom resources', async () => {
    await writer.apply(gadgetCrd(group), { dryRun: false });

    const stored = gadgetSpecSchema(kubectl.get(`crd/gadgets.${group}`));
    expect(stored.values['x-kubernetes-preserve-unknown-fields']).toBe(true);
    expect(stored.port['x-kubernetes-int-or-string']).toBe(true);
    expect(stored.parts['x-kubernetes-list-type']).toBe('map');
    expect(stored.parts['x-kubernetes-list-map-keys']).toEqual(['name']);

    const gadget = {
      apiVersion: `${group}/v1`,
      kind: 'Gadget',
      metadata: { name: 'g1', namespace: namespace() },
      spec: { values: { nested: { free: ['form', 1] } }, port: 'http' },
    };
    await eventually(() => writer.apply(gadget, { dryRun: false }), { timeoutMs: 30_000 }); // until discovery serves the new kind
    expect(kubectl.get('-n', namespace(), `gadgets.${group}/g1`).spec).toEqual({ values: { nested: { free: ['form', 1] } }, port: 'http' });
  });

  it('applies a field of a built-in kind that the client library does not model (CSIDriver serviceAccountTokenInSecrets)', async () => {
    const driver = {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'CSIDriver',
      metadata: { name: csiDriver },
      spec: { tokenRequests: [{ audience: 'fjord' }], serviceAccountTokenInSecrets: true },
    };
    await writer.apply(driver, { dryRun: false });
    expect(kubectl.get(`csidriver/${csiDriver}`).spec).toMatchObject({ tokenRequests: [{ audience: 'fjord' }], serviceAccountTokenInSecrets: true });

    await writer.delete(driver, { dryRun: false });
    await writer.delete(driver, { dryRun: false }); // already gone is fine
    expect(kubectl.run('get', '--ignore-not-found', `csidriver/${csiDriver}`)).toBe('');
  });

  it('persists nothing on a dry run', async () => {
    const cm = configMap('dry', { a: '1' });
    await writer.apply(cm, { dryRun: true });
    await writer.apply(cm, { dryRun: true, replace: true });
    expect(kubectl.run('get', '--ignore-not-found', '-n', namespace(), 'configmap/dry')).toBe('');
  });

  it('replaces an object, creating it when it is absent', async () => {
    await writer.apply(configMap('replaced', { a: '1', b: '2' }), { dryRun: false, replace: true });
    await writer.apply(configMap('replaced', { a: '3' }), { dryRun: false, replace: true });
    expect(kubectl.get('-n', namespace(), 'configmap/replaced').data).toEqual({ a: '3' });
  });

  it('removes one finalizer and keeps the others; an object already gone is fine', async () => {
    const cm = { ...configMap('final', {}), metadata: { name: 'final', namespace: namespace(), finalizers: ['fjord.dev/a', 'fjord.dev/b'] } };
    await writer.apply(cm, { dryRun: false });
    await writer.removeFinalizer(kubectl.get('-n', namespace(), 'configmap/final'), 'fjord.dev/a');
    expect(kubectl.get('-n', namespace(), 'configmap/final').metadata?.finalizers).toEqual(['fjord.dev/b']);
    await writer.removeFinalizer(kubectl.get('-n', namespace(), 'configmap/final'), 'fjord.dev/b');
    await writer.delete(cm, { dryRun: false, propagationPolicy: 'background' });
    await writer.removeFinalizer(cm, 'fjord.dev/a');
    expect(kubectl.run('get', '--ignore-not-found', '-n', namespace(), 'configmap/final')).toBe('');
  });

  it('deletes only the object it read: one deleted and created again under the same name since is left alone', async () => {
    await writer.apply(configMap('reborn', { generation: '1' }), { dryRun: false });
    const read = kubectl.get('-n', namespace(), 'configmap/reborn'); // what a prune decision was made about
    kubectl.run('delete', '-n', namespace(), 'configmap/reborn');
    await writer.apply(configMap('reborn', { generation: '2' }), { dryRun: false }); // someone else's, same name

    const refused = writer.delete(read, { dryRun: false });
    await expect(refused).rejects.toMatchObject({ code: 409 });
    await expect(refused).rejects.toThrow(/UID in the precondition .* does not match/);
    expect(kubectl.get('-n', namespace(), 'configmap/reborn').data).toEqual({ generation: '2' });

    const current = kubectl.get('-n', namespace(), 'configmap/reborn');
    await writer.delete(current, { dryRun: true, propagationPolicy: 'background' }); // a dry run with a uid still writes nothing
    expect(kubectl.get('-n', namespace(), 'configmap/reborn').data).toEqual({ generation: '2' });
    await writer.delete(current, { dryRun: false });
    expect(kubectl.run('get', '--ignore-not-found', '-n', namespace(), 'configmap/reborn')).toBe('');
  });

  it('fails with an error naming an object that has no kind, or a kind the API server does not serve', async () => {
    const ns = namespace();
    await expect(writer.apply({ apiVersion: 'v1', metadata: { name: 'kindless', namespace: ns } }, { dryRun: false })).rejects.toThrow(
      `failed to apply v1 <no kind> ${ns}/kindless: it has no kind`,
    );
    await expect(writer.apply({ apiVersion: 'v1', kind: 'Gizmo', metadata: { name: 'x', namespace: ns } }, { dryRun: false })).rejects.toThrow(
      `failed to apply v1 Gizmo ${ns}/x: the API server serves no kind Gizmo in v1`,
    );
    const unserved = { apiVersion: 'nowhere.fjord.dev/v1', kind: 'Gizmo', metadata: { name: 'x', namespace: ns } };
    await expect(writer.apply(unserved, { dryRun: false })).rejects.toThrow(
      `failed to apply nowhere.fjord.dev/v1 Gizmo ${ns}/x: the API server serves no kind Gizmo in nowhere.fjord.dev/v1`,
    );
    await expect(writer.delete(unserved, { dryRun: false })).rejects.toThrow(/failed to delete nowhere\.fjord\.dev\/v1 Gizmo .*serves no kind/);
    await expect(
      writer.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'lost', namespace: 'no-such-namespace-fjord' } }, { dryRun: false }),
    ).rejects.toMatchObject({
      code: 404,
      message: expect.stringMatching(/^failed to apply v1 ConfigMap no-such-namespace-fjord\/lost: namespaces "no-such-namespace-fjord" not found/),
    });
    expect(
      isNotFound(
        await writer.get({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'lost', namespace: 'no-such-namespace-fjord' } }).catch((e: unknown) => e),
      ),
    ).toBe(true);
  });

  it('finds a kind whose CRD was created a moment ago, before and after the cache has discovered it', async () => {
    const fresh = testGroup();
    try {
      await writer.apply({ ...gadgetCrd(fresh) }, { dryRun: false });
      // a client whose discovery knows no kind at all: every kind comes from its apiVersion's discovery document
      const blind = new KubeClient(testKubeConfig(), { resourceInfo: () => undefined });
      const gadget = { apiVersion: `${fresh}/v1`, kind: 'Gadget', metadata: { name: 'early', namespace: namespace() }, spec: { port: 80 } };
      await eventually(() => blind.apply(gadget, { dryRun: false }), { timeoutMs: 30_000 });
      blind.close();
      expect(kubectl.get('-n', namespace(), `gadgets.${fresh}/early`).spec).toEqual({ port: 80 });

      await eventually(async () => expect(cache.resourceInfo(fresh, 'Gadget')).toMatchObject({ plural: 'gadgets', namespaced: true }), { timeoutMs: 30_000 });
      expect(await writer.get(gadget)).toMatchObject({ spec: { port: 80 }, metadata: { uid: expect.any(String) } });
    } finally {
      kubectl.run('delete', '--ignore-not-found', '--wait=false', `crd/gadgets.${fresh}`);
    }
  });

  it('merge-patches an object and patches its status through the status subresource, as its own field manager', async () => {
    await writer.apply(gadgetCrd(group), { dryRun: false });
    const gadget = { apiVersion: `${group}/v1`, kind: 'Gadget', metadata: { name: 'patched', namespace: namespace() }, spec: { port: 1 } };
    await eventually(() => writer.apply(gadget, { dryRun: false }), { timeoutMs: 30_000 });

    const patched = await writer.mergePatch(gadget, { metadata: { labels: { tier: 'front' } }, status: { phase: 'ignored' } });
    expect(patched.metadata?.labels).toEqual({ tier: 'front' });
    expect(patched.status).toBeUndefined(); // the main resource ignores status when a status subresource exists
    const withStatus = await writer.patchStatus(gadget, { status: { phase: 'Ready' }, metadata: { labels: { tier: 'ignored' } } });
    expect(withStatus.status).toEqual({ phase: 'Ready' });
    const live = kubectl.get('--show-managed-fields', '-n', namespace(), `gadgets.${group}/patched`);
    expect(live.metadata?.labels).toEqual({ tier: 'front' });
    expect(live.status).toEqual({ phase: 'Ready' });
    const managers = (live.metadata?.managedFields as { manager: string; subresource?: string }[]).map((m) => `${m.manager}/${m.subresource ?? ''}`);
    expect(managers).toEqual(expect.arrayContaining([`${FIELD_MANAGER}/`, `${FIELD_MANAGER}/status`]));
  });

  it('reads, tells whether an object exists, and lists a kind in one namespace', async () => {
    await writer.apply(configMap('listed', { a: '1' }), { dryRun: false });
    expect((await writer.get(configMap('listed', {}))).data).toEqual({ a: '1' });
    expect(await writer.exists(configMap('listed', {}))).toBe(true);
    expect(await writer.exists(configMap('absent', {}))).toBe(false);
    const err = await writer.get(configMap('absent', {})).catch((e: unknown) => e);
    expect(isNotFound(err)).toBe(true);
    expect((err as Error).message).toBe(`failed to get v1 ConfigMap ${namespace()}/absent: configmaps "absent" not found`);

    const list = await writer.list('v1', 'ConfigMap', namespace());
    expect(list.items.map((o) => o.metadata?.name)).toContain('listed');
    expect(list.items.every((o) => o.metadata?.namespace === namespace())).toBe(true);
    expect(list.metadata?.resourceVersion).toEqual(expect.any(String));
  });

  it('records an Event about an object, naming it and its uid', async () => {
    await writer.apply(configMap('noted', {}), { dryRun: false });
    const about = await writer.get(configMap('noted', {}));
    await writer.recordEvent(about, { reason: 'Tested', message: `m${'x'.repeat(2000)}`, type: 'Warning' });
    const events = kubectl.get('-n', namespace(), 'events', '--field-selector', 'involvedObject.name=noted') as { items?: KubeObject[] };
    expect(events.items).toHaveLength(1);
    expect(events.items![0]).toMatchObject({
      reason: 'Tested',
      type: 'Warning',
      source: { component: 'fjord-controller' },
      involvedObject: { kind: 'ConfigMap', name: 'noted', uid: about.metadata?.uid },
    });
    expect(String(events.items![0].message)).toHaveLength(1024);
  });
});

function configMap(name: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: namespace() }, data };
}
