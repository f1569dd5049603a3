import { randomBytes } from 'node:crypto';
import { CoreV1Api, PatchStrategy, setHeaderOptions, type KubeConfig, type V1ConfigMap, type V1Secret } from '@kubernetes/client-node';
import { fromKubeError, isNotFound } from './kube-errors';

/** The names of Argo CD's settings objects in Fjord's namespace, and the keys the gateway reads. */
export const Settings = {
  Secret: 'argocd-secret',
  ConfigMap: 'argocd-cm',
  RbacConfigMap: 'argocd-rbac-cm',
  InitialAdminSecret: 'argocd-initial-admin-secret',
  ServerSecretKey: 'server.secretkey',
  AdminPassword: 'admin.password',
  AdminPasswordMtime: 'admin.passwordMtime',
  InitialPassword: 'password',
  GithubWebhookSecret: 'webhook.github.secret',
  GitlabWebhookSecret: 'webhook.gitlab.secret',
  PolicyCsv: 'policy.csv',
  PolicyDefault: 'policy.default',
} as const;

const decode = (secret: V1Secret | undefined, key: string) => {
  const value = secret?.data?.[key];
  return value === undefined ? undefined : Buffer.from(value, 'base64').toString('utf8');
};

/**
 * Reads and initialises Argo CD's settings objects (`argocd-secret`, `argocd-cm`, `argocd-rbac-cm`) in Fjord's
 * namespace. Secret values are returned to callers in the gateway only; they never go into a response or log.
 */
export class SettingsStore {
  private readonly core: CoreV1Api;

  constructor(
    kc: KubeConfig,
    readonly namespace: string,
  ) {
    this.core = kc.makeApiClient(CoreV1Api);
  }

  /** Reads a Secret, or undefined when it does not exist. */
  readSecret(name: string): Promise<V1Secret | undefined> {
    return readUnlessMissing(`Secret ${name}`, () => this.core.readNamespacedSecret({ name, namespace: this.namespace }));
  }

  /** Reads one key of `argocd-secret` as text. */
  async secretValue(key: string): Promise<string | undefined> {
    return decode(await this.readSecret(Settings.Secret), key);
  }

  /** Reads a ConfigMap's data, or {} when it does not exist. */
  async configMapData(name: string): Promise<Record<string, string>> {
    try {
      return (await this.core.readNamespacedConfigMap({ name, namespace: this.namespace })).data ?? {};
    } catch (err) {
      if (isNotFound(err)) return {};
      throw fromKubeError(`read ConfigMap ${name}`, err);
    }
  }

  /** Sets keys of a Secret (creating it when missing), leaving other keys alone. */
  async putSecretValues(name: string, values: Record<string, string>): Promise<void> {
    const stringData = values;
    try {
      await this.core.patchNamespacedSecret(
        { name, namespace: this.namespace, body: { stringData } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    } catch (err) {
      if (!isNotFound(err)) throw fromKubeError(`update Secret ${name}`, err);
      try {
        await this.core.createNamespacedSecret({
          namespace: this.namespace,
          body: { metadata: { name, labels: { 'app.kubernetes.io/part-of': 'argocd' } }, stringData },
        });
      } catch (createErr) {
        throw fromKubeError(`create Secret ${name}`, createErr);
      }
    }
  }

  /** The key that signs session tokens: `server.secretkey` of `argocd-secret`, generated on first start. */
  async ensureServerSecretKey(): Promise<Uint8Array> {
    let key = await this.secretValue(Settings.ServerSecretKey);
    if (!key) {
      await this.putSecretValues(Settings.Secret, { [Settings.ServerSecretKey]: randomBytes(32).toString('base64') });
      key = await this.secretValue(Settings.ServerSecretKey);
    }
    return new TextEncoder().encode(key);
  }

  /** Watches-free read of a ConfigMap object (for the RBAC watch's first load). */
  readConfigMap(name: string): Promise<V1ConfigMap | undefined> {
    return readUnlessMissing(`ConfigMap ${name}`, () => this.core.readNamespacedConfigMap({ name, namespace: this.namespace }));
  }
}

/** What `read` returns, or undefined when the object does not exist; other failures name `what`. */
async function readUnlessMissing<T>(what: string, read: () => Promise<T>): Promise<T | undefined> {
  try {
    return await read();
  } catch (err) {
    if (isNotFound(err)) return undefined;
    throw fromKubeError(`read ${what}`, err);
  }
}
