import { CoreV1Api, CustomObjectsApi, KubeConfig } from '@kubernetes/client-node';
import { reuseConnections } from '@fjord/kube-config';

/** The Kubernetes clients the secrets service uses. */
export interface KubeClients {
  kc: KubeConfig;
  core: CoreV1Api;
  custom: CustomObjectsApi;
}

/** Loads the kubeconfig: the given file, else KUBECONFIG or ~/.kube/config, else the in-cluster service account. */
export function kubeClients(kubeconfigPath: string): KubeClients {
  const kc = reuseConnections(new KubeConfig());
  if (kubeconfigPath) kc.loadFromFile(kubeconfigPath);
  else kc.loadFromDefault();
  return { kc, core: kc.makeApiClient(CoreV1Api), custom: kc.makeApiClient(CustomObjectsApi) };
}

/** HTTP status of a Kubernetes API error, if it is one. */
export function apiStatus(err: unknown): number | undefined {
  const code = (err as { code?: unknown })?.code;
  return typeof code === 'number' ? code : undefined;
}

/** True for a 404 from the API server. */
export const isNotFound = (err: unknown): boolean => apiStatus(err) === 404;

/**
 * A short, value-free description of an API error: the Status message the server sent (which names objects and
 * fields, never Secret data), else the error's own message.
 */
export function apiErrorMessage(err: unknown): string {
  const body = (err as { body?: unknown })?.body;
  if (typeof body === 'string') {
    try {
      const status = JSON.parse(body) as { message?: string };
      if (status.message) return status.message;
    } catch {
      // not a Status object
    }
  }
  return (err as Error)?.message?.split('\n')[0] ?? String(err);
}

/** Group, version and plural of SealedSecret, for the custom-objects API. */
export const SEALED_SECRETS = { group: 'bitnami.com', version: 'v1alpha1', plural: 'sealedsecrets' } as const;
