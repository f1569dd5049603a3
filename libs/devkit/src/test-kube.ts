import { CoreV1Api, KubeConfig, KubernetesObjectApi } from '@kubernetes/client-node';
import { randomBytes } from 'node:crypto';
import { installCrds } from './crds';

/**
 * The kubeconfig of the cluster the tests run against: the one the Jest global setup started (or reused), or
 * FJORD_TEST_KUBECONFIG when set. Plain KUBECONFIG is deliberately not used, so that tests never touch a
 * developer's real cluster by accident.
 */
export function testKubeConfig(): KubeConfig {
  const path = process.env.FJORD_TEST_KUBECONFIG;
  if (!path) {
    throw new Error(
      'no test cluster: this test needs the Jest global setup of tools/test-cluster (use jest.cluster-preset.js), ' +
        'or FJORD_TEST_KUBECONFIG pointing at a disposable cluster',
    );
  }
  const kc = new KubeConfig();
  kc.loadFromFile(path);
  return kc;
}

/** A namespace of one test file's own, with a random suffix; deleted (without waiting) by `remove`. */
export interface TestNamespace {
  name: string;
  remove(): Promise<void>;
}

/** Creates a fresh namespace `<prefix>-<random>` labelled as a Fjord test namespace. */
export async function createTestNamespace(prefix: string, kc = testKubeConfig()): Promise<TestNamespace> {
  const name = `${prefix}-${randomBytes(3).toString('hex')}`.toLowerCase().slice(0, 63);
  const core = kc.makeApiClient(CoreV1Api);
  await core.createNamespace({ body: { metadata: { name, labels: { 'fjord.dev/test': 'true' } } } });
  return {
    name,
    async remove() {
      await core.deleteNamespace({ name }).catch(() => undefined);
    },
  };
}

/** Installs Fjord's CRDs (idempotent) and creates a fresh namespace `<prefix>-<random>` for a Fjord instance to serve. */
export async function createFjordNamespace(prefix: string, kc = testKubeConfig()): Promise<TestNamespace> {
  await installCrds(kc);
  return createTestNamespace(prefix, kc);
}

/**
 * Jest hooks that give the enclosing describe block its own namespace: created before its tests, deleted after.
 * Returns a getter, since the name is known only once beforeAll has run.
 */
export function useTestNamespace(prefix: string): () => string {
  let ns: TestNamespace | undefined;
  beforeAll(async () => {
    ns = await createTestNamespace(prefix);
  });
  afterAll(async () => {
    await ns?.remove();
  });
  return () => {
    if (!ns) throw new Error('the test namespace is not created yet (use it inside a test or hook)');
    return ns.name;
  };
}

/** A client for any kind of object (create, read, patch with server-side apply, delete). */
export function objectApi(kc = testKubeConfig()): KubernetesObjectApi {
  return KubernetesObjectApi.makeApiClient(kc);
}

/** The admin's password a gateway generated on its first start in `namespace` (`argocd-initial-admin-secret`). */
export async function readAdminPassword(kc: KubeConfig, namespace: string): Promise<string> {
  const secret = await kc.makeApiClient(CoreV1Api).readNamespacedSecret({ name: 'argocd-initial-admin-secret', namespace });
  return Buffer.from(secret.data!.password, 'base64').toString('utf8');
}
