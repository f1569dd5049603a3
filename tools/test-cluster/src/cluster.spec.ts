import { AppsV1Api, CoreV1Api, VersionApi, type V1Deployment } from '@kubernetes/client-node';
import { createTestNamespace, eventually, objectApi, testKubeConfig, useTestNamespace } from '@fjord/devkit';

// The local cluster behaves like a real one: controllers run (Deployments, namespaces, garbage collection), kwok
// plays the kubelet (pods Running), and the API server does server-side apply with defaulting.

jest.setTimeout(120_000);
const kc = testKubeConfig();
const apps = kc.makeApiClient(AppsV1Api);
const core = kc.makeApiClient(CoreV1Api);

function deployment(name: string, namespace: string, replicas = 2): V1Deployment {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name, namespace },
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } },
    },
  };
}

describe('the local test cluster', () => {
  const ns = useTestNamespace('cluster');

  it('reports the Kubernetes version it was built as', async () => {
    const version = await kc.makeApiClient(VersionApi).getCode();
    expect(version.gitVersion).toMatch(/^v1\.36\.\d+$/);
  });

  it('brings a Deployment to Available with its pods Running on the kwok node', async () => {
    await apps.createNamespacedDeployment({ namespace: ns(), body: deployment('web', ns()) });
    const available = await eventually(
      async () => {
        const d = await apps.readNamespacedDeployment({ name: 'web', namespace: ns() });
        const cond = d.status?.conditions?.find((c) => c.type === 'Available');
        if (cond?.status !== 'True' || d.status?.availableReplicas !== 2) throw new Error(`not available yet: ${JSON.stringify(d.status)}`);
        return d;
      },
      { timeoutMs: 60_000 },
    );
    expect(available.status?.readyReplicas).toBe(2);
    const pods = await core.listNamespacedPod({ namespace: ns(), labelSelector: 'app=web' });
    expect(pods.items).toHaveLength(2);
    for (const pod of pods.items) {
      expect(pod.status?.phase).toBe('Running');
      expect(pod.spec?.nodeName).toBe('kwok-node-0');
    }
  });

  it('completes a namespace deletion, removing what was in it', async () => {
    const doomed = await createTestNamespace('doomed');
    await apps.createNamespacedDeployment({ namespace: doomed.name, body: deployment('web', doomed.name, 1) });
    await eventually(
      async () => {
        const pods = await core.listNamespacedPod({ namespace: doomed.name });
        if (pods.items.length !== 1 || pods.items[0].status?.phase !== 'Running') throw new Error('pod not running yet');
      },
      { timeoutMs: 60_000 },
    );
    await doomed.remove();
    await eventually(
      async () => {
        const gone = await core.readNamespace({ name: doomed.name }).then(
          (n) => {
            throw new Error(`namespace still ${n.status?.phase}`);
          },
          (err: { code?: number }) => err.code === 404,
        );
        expect(gone).toBe(true);
      },
      { timeoutMs: 90_000, intervalMs: 500 },
    );
  });

  it('answers a server-side-apply dry run with the defaulted object and stores nothing', async () => {
    const api = objectApi(kc);
    const desired = deployment('dry', ns(), 1);
    const result = (await api.patch(desired, undefined, 'All', 'fjord-controller', true, 'application/apply-patch+yaml')) as V1Deployment;
    expect(result.spec?.strategy?.type).toBe('RollingUpdate');
    expect(result.spec?.revisionHistoryLimit).toBe(10);
    expect(result.spec?.progressDeadlineSeconds).toBe(600);
    const container = result.spec?.template.spec?.containers[0];
    expect(container?.terminationMessagePath).toBe('/dev/termination-log');
    expect(container?.imagePullPolicy).toBe('IfNotPresent');
    expect(result.spec?.template.spec?.restartPolicy).toBe('Always');
    expect(result.metadata?.managedFields?.map((m) => m.manager)).toContain('fjord-controller');
    await expect(apps.readNamespacedDeployment({ name: 'dry', namespace: ns() })).rejects.toMatchObject({ code: 404 });
  });
});
