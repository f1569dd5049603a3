import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { normalizeRepoURL, type GitAuth } from '@fjord/git';
import type { Logger } from '@fjord/platform';
import { reuseConnections } from '@fjord/kube-config';

/** Label that marks a Secret as repository credentials, as Argo CD marks them. */
export const REPO_SECRET_SELECTOR = 'argocd.argoproj.io/secret-type in (repository,repo-creds)';

/** Finds credentials for a repository URL; undefined when none are configured. */
export interface CredentialsSource {
  lookup(repoURL: string): Promise<GitAuth | undefined>;
}

interface RepoSecret {
  url: string;
  /** `repository` matches one URL, `repo-creds` is a template for every URL under its prefix. */
  type: string;
  auth: GitAuth;
}

/**
 * Credentials from Secrets labelled `argocd.argoproj.io/secret-type: repository` (exact URL) or `repo-creds` (URL
 * prefix) in Fjord's namespace, with keys `url`, `username`, `password` — Argo CD's declarative repositories.
 * Listed at most every `ttlMs`; when the cluster is unreachable, it logs once and answers "none".
 */
export class SecretCredentialsSource implements CredentialsSource {
  private cached: { at: number; secrets: RepoSecret[] } | undefined;
  private warned = false;

  constructor(
    private readonly kc: KubeConfig,
    private readonly namespace: string,
    private readonly logger: Logger,
    private readonly ttlMs = 10_000,
  ) {}

  async lookup(repoURL: string): Promise<GitAuth | undefined> {
    const wanted = normalizeRepoURL(repoURL);
    const secrets = await this.secrets();
    const exact = secrets.find((s) => s.type === 'repository' && normalizeRepoURL(s.url) === wanted);
    if (exact) return exact.auth;
    const templates = secrets.filter((s) => s.type === 'repo-creds' && wanted.startsWith(normalizeRepoURL(s.url))).sort((a, b) => b.url.length - a.url.length);
    return templates[0]?.auth;
  }

  private async secrets(): Promise<RepoSecret[]> {
    if (this.cached && Date.now() - this.cached.at < this.ttlMs) return this.cached.secrets;
    try {
      const list = await this.kc.makeApiClient(CoreV1Api).listNamespacedSecret({ namespace: this.namespace, labelSelector: REPO_SECRET_SELECTOR });
      const decode = (v?: string) => (v ? Buffer.from(v, 'base64').toString('utf8') : undefined);
      const secrets = list.items.flatMap((s): RepoSecret[] => {
        const url = decode(s.data?.url) ?? s.stringData?.url;
        if (!url) return [];
        return [
          {
            url,
            type: s.metadata?.labels?.['argocd.argoproj.io/secret-type'] ?? 'repository',
            auth: { username: decode(s.data?.username) ?? '', password: decode(s.data?.password) ?? '' },
          },
        ];
      });
      this.cached = { at: Date.now(), secrets };
      this.warned = false;
      return secrets;
    } catch (err) {
      if (!this.warned)
        this.logger.warn({ err: (err as Error).message, namespace: this.namespace }, 'cannot read repository Secrets; using request credentials only');
      this.warned = true;
      this.cached = { at: Date.now(), secrets: [] };
      return [];
    }
  }
}

/** Loads the cluster config from KUBECONFIG or the in-cluster service account; undefined when there is neither. */
export function loadKubeConfig(): KubeConfig | undefined {
  const kc = reuseConnections(new KubeConfig());
  try {
    if (process.env.KUBECONFIG || process.env.KUBERNETES_SERVICE_HOST) {
      kc.loadFromDefault();
      return kc.getCurrentCluster() ? kc : undefined;
    }
  } catch {
    return undefined;
  }
  return undefined;
}
