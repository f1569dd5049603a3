import type { Application } from '@fjord/argo';
import { CustomObjectsApi, type KubeConfig } from '@kubernetes/client-node';

/** Where Argo CD's Applications live in the API, for CustomObjectsApi calls. */
export const APPLICATIONS = { group: 'argoproj.io', version: 'v1alpha1', plural: 'applications' } as const;

/** What a test Application says: its name, the path of its manifests in a repository, and where they go. */
export interface TestAppOptions {
  name: string;
  repoURL: string;
  path: string;
  destNamespace: string;
  /** Automated sync with prune and self-heal, creating the destination namespace; off when unset. */
  automated?: boolean;
}

/** An Application of the `default` project at the repository's HEAD, deployed to the cluster the control plane runs in. */
export function testApplication(o: TestAppOptions): Application {
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Application',
    metadata: { name: o.name },
    spec: {
      project: 'default',
      source: { repoURL: o.repoURL, targetRevision: 'HEAD', path: o.path },
      destination: { server: 'https://kubernetes.default.svc', namespace: o.destNamespace },
      ...(o.automated ? { syncPolicy: { automated: { prune: true, selfHeal: true }, syncOptions: ['CreateNamespace=true'] } } : {}),
    },
  };
}

/** Creates {@link testApplication} in `namespace` (the control plane's). */
export async function createTestApplication(kc: KubeConfig, namespace: string, o: TestAppOptions): Promise<void> {
  await kc.makeApiClient(CustomObjectsApi).createNamespacedCustomObject({ ...APPLICATIONS, namespace, body: testApplication(o) });
}

/** Reads an Application as the cluster has it now. */
export async function readApplication(kc: KubeConfig, namespace: string, name: string): Promise<Application> {
  return (await kc.makeApiClient(CustomObjectsApi).getNamespacedCustomObject({ ...APPLICATIONS, namespace, name })) as Application;
}
