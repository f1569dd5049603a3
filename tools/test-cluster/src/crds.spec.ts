import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { type KubernetesObject } from '@kubernetes/client-node';
import { parse } from 'yaml';
import { installCrds, objectApi, repoRoot, testKubeConfig, useTestNamespace } from '@fjord/devkit';

// Given Fjord's CRDs from deploy/crds on the real API server, the example Application from Argo CD's
// documentation is accepted unchanged (but for its namespace) and malformed ones are refused with schema errors.

jest.setTimeout(60_000);
const kc = testKubeConfig();
const api = objectApi(kc);
const example = (name: string) => parse(readFileSync(join(repoRoot(), 'deploy/crds/testdata', name), 'utf8')) as KubernetesObject & Record<string, unknown>;

beforeAll(async () => {
  expect(await installCrds(kc)).toEqual(['applications.argoproj.io', 'appprojects.argoproj.io', 'sealedsecrets.bitnami.com']);
});

describe('the CRDs of deploy/crds', () => {
  const ns = useTestNamespace('crds');
  const inNamespace = (obj: KubernetesObject) => {
    // No controller removes the cascade finalizer in this test, so leave it off to let the namespace go.
    const { finalizers: _f, ...metadata } = obj.metadata ?? {};
    return { ...obj, metadata: { ...metadata, namespace: ns() } };
  };

  it('accept the Argo CD documentation example Application with automated prune/selfHeal and CreateNamespace', async () => {
    const app = example('application-argocd-docs.yaml');
    expect(app.spec).toMatchObject({ syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] } });
    const created = await api.create(inNamespace(app));
    expect((created as unknown as { spec: unknown }).spec).toEqual(app.spec);
  });

  it.each([
    ['application-invalid-destination-string.yaml', 'spec.destination in body must be of type object'],
    ['application-invalid-prune-string.yaml', 'spec.syncPolicy.automated.prune in body must be of type boolean'],
    ['application-invalid-missing-destination.yaml', 'spec.destination: Required value'],
  ])('refuse %s with a schema error naming the field', async (file, message) => {
    await expect(api.create(inNamespace(example(file)))).rejects.toMatchObject({ code: 422, body: expect.stringContaining(message) });
  });

  it('accept an AppProject and a SealedSecret, and serve their status subresources', async () => {
    await api.create(inNamespace(example('appproject-default.yaml')));
    const sealed = await api.create(inNamespace(example('sealedsecret-example.yaml')));
    expect(sealed.metadata?.uid).toBeTruthy();
    const patched = await api.patch(
      {
        apiVersion: 'bitnami.com/v1alpha1',
        kind: 'SealedSecret',
        metadata: { name: sealed.metadata!.name, namespace: ns() },
        status: { observedGeneration: 1 },
      } as KubernetesObject,
      undefined,
      undefined,
      'fjord-test',
      undefined,
      'application/merge-patch+json',
    );
    // status is a subresource: a write through the main resource leaves it untouched
    expect((patched as unknown as { status?: unknown }).status).toBeUndefined();
  });
});
