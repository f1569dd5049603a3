import { eventually, testKubeConfig, useTestNamespace } from '@fjord/devkit';
import type { KubeObject } from '@fjord/k8s-yaml';
import { gadgetCrd, gadgetSpecSchema, testGroup, testKubectl } from '../test/gadgets';
import { KubeWriter } from './kube-writer';

// Given the real API server, what the writer sends arrives as rendered: a CRD keeps the x-kubernetes-* keys
// nested in its schema (and so its custom resources keep their free-form fields), a built-in object keeps a field
// newer than the Kubernetes client's models; replace creates what is absent, deleting what is gone is fine, and
// an object without a kind or of a kind the API server does not serve fails with an error naming it.

jest.setTimeout(120_000);

const namespace = useTestNamespace('writer');
const group = testGroup();
const csiDriver = `${group.split('.')[0]}.csi.fjord.dev`;
let writer: KubeWriter;
let kubectl: Awaited<ReturnType<typeof testKubectl>>;

beforeAll(async () => {
  writer = new KubeWriter(testKubeConfig());
  kubectl = await testKubectl();
});

afterAll(() => {
  kubectl?.run('delete', '--ignore-not-found', '--wait=false', `crd/gadgets.${group}`, `csidriver/${csiDriver}`);
});

describe('KubeWriter', () => {
  it('applies a CRD with its nested x-kubernetes-* schema keys, which then shape its custom resources', async () => {
    await writer.apply(gadgetCrd(group), { dryRun: false });

    const stored = gadgetSpecSchema(kubectl.get(`crd/gadgets.${group}`));
    expect(stored.values['x-kubernetes-preserve-unknown-fields']).toBe(true);
    expect(stored.port['x-kubernetes-int-or-string']).toBe(true);
    expect(stored.parts['x-kubernetes-list-type']).toBe('map');
    expect(stored.parts['x-kubernetes-list-map-keys']).toEqual(['name']);

    const gadget = { apiVersion: `${group}/v1`, kind: 'Gadget', metadata: { name: 'g1', namespace: namespace() }, spec: { values: { nested: { free: ['form', 1] } }, port: 'http' } };
    await eventually(() => writer.apply(gadget, { dryRun: false }), { timeoutMs: 30_000 }); // until discovery serves the new kind
    expect(kubectl.get('-n', namespace(), `gadgets.${group}/g1`).spec).toEqual({ values: { nested: { free: ['form', 1] } }, port: 'http' });
  });

  it('applies a field of a built-in kind that the client library does not model (CSIDriver serviceAccountTokenInSecrets)', async () => {
    const driver = { apiVersion: 'storage.k8s.io/v1', kind: 'CSIDriver', metadata: { name: csiDriver }, spec: { tokenRequests: [{ audience: 'fjord' }], serviceAccountTokenInSecrets: true } };
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
    await expect(writer.apply(unserved, { dryRun: false })).rejects.toThrow(`failed to apply nowhere.fjord.dev/v1 Gizmo ${ns}/x: the API server serves no kind Gizmo in nowhere.fjord.dev/v1`);
    await expect(writer.delete(unserved, { dryRun: false })).rejects.toThrow(/failed to delete nowhere\.fjord\.dev\/v1 Gizmo .*serves no kind/);
    await expect(writer.apply({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'lost', namespace: 'no-such-namespace-fjord' } }, { dryRun: false })).rejects.toMatchObject({
      code: 404,
      message: expect.stringMatching(/^failed to apply v1 ConfigMap no-such-namespace-fjord\/lost: namespaces "no-such-namespace-fjord" not found/),
    });
  });
});

function configMap(name: string, data: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: namespace() }, data };
}
