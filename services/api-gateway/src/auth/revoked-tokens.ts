import { CoreV1Api, PatchStrategy, setHeaderOptions, type KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '@fjord/platform';
import { watchConfigMap } from '../kube/config-map-watch';
import { fromKubeError, isNotFound } from '../kube/kube-errors';

/** The ConfigMap in Fjord's namespace that lists logged-out tokens: key = token id, value = its `exp` (0: none). */
export const REVOKED_TOKENS_CONFIGMAP = 'fjord-revoked-tokens';
const NEVER = Infinity;

/** Reads the ConfigMap's data into id → expiry in ms. */
function parseEntries(data: Record<string, string>): Map<string, number> {
  return new Map(Object.entries(data).map(([id, exp]) => [id, Number(exp) > 0 ? Number(exp) * 1000 : NEVER]));
}

/**
 * The revocation list of logged-out tokens, kept until each token would have expired anyway. It lives in a
 * ConfigMap of Fjord's namespace rather than in memory, so a logout survives a gateway restart and reaches every
 * replica (each watches it); the gateway has no Redis of its own, and the Kubernetes API is always there. Entries
 * are small (~60 bytes), so the 1 MiB ConfigMap limit holds some 15,000 logouts per session lifetime; expired ones
 * are dropped on every write. A revocation is written before logout answers, and remembered locally at once.
 */
export class RevokedTokens {
  private entries = new Map<string, number>();
  private readonly local = new Map<string, number>();
  private readonly core: CoreV1Api;
  private watch?: { stop(): Promise<void> };

  constructor(
    private readonly kc: KubeConfig,
    private readonly namespace: string,
    private readonly now: () => number = Date.now,
  ) {
    this.core = kc.makeApiClient(CoreV1Api);
  }

  /** Starts the watch; resolves once the list has been read. */
  async start(logger: Logger): Promise<void> {
    this.watch = await watchConfigMap(this.kc, this.namespace, REVOKED_TOKENS_CONFIGMAP, (data) => (this.entries = parseEntries(data)), logger);
  }

  /** True when the token id was logged out and the token has not expired since. */
  has(id: string): boolean {
    const now = this.now();
    const exp = this.entries.get(id) ?? this.local.get(id);
    return exp !== undefined && exp > now;
  }

  /** Records a logout of token `id` (which expires at `expiresAtMs`, undefined for never) in the ConfigMap. */
  async revoke(id: string, expiresAtMs: number | undefined): Promise<void> {
    const now = this.now();
    const expired = [...this.entries].filter(([, exp]) => exp <= now).map(([key]) => key);
    const data: Record<string, string | null> = Object.fromEntries(expired.map((key) => [key, null]));
    data[id] = String(expiresAtMs === undefined ? 0 : Math.ceil(expiresAtMs / 1000));
    try {
      await this.core.patchNamespacedConfigMap(
        { name: REVOKED_TOKENS_CONFIGMAP, namespace: this.namespace, body: { data } },
        setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
      );
    } catch (err) {
      if (!isNotFound(err)) throw fromKubeError(`record the logout in ConfigMap ${REVOKED_TOKENS_CONFIGMAP}`, err);
      try {
        await this.core.createNamespacedConfigMap({
          namespace: this.namespace,
          body: { metadata: { name: REVOKED_TOKENS_CONFIGMAP, labels: { 'app.kubernetes.io/part-of': 'argocd' } }, data: { [id]: data[id] as string } },
        });
      } catch (createErr) {
        // Another replica created it meanwhile: add to theirs.
        if (fromKubeError('', createErr).name !== 'ConflictError') throw fromKubeError(`create ConfigMap ${REVOKED_TOKENS_CONFIGMAP}`, createErr);
        await this.core
          .patchNamespacedConfigMap(
            { name: REVOKED_TOKENS_CONFIGMAP, namespace: this.namespace, body: { data } },
            setHeaderOptions('Content-Type', PatchStrategy.MergePatch),
          )
          .catch((patchErr: unknown) => Promise.reject(fromKubeError(`record the logout in ConfigMap ${REVOKED_TOKENS_CONFIGMAP}`, patchErr)));
      }
    }
    for (const [key, exp] of this.local) if (exp <= now) this.local.delete(key);
    this.local.set(id, expiresAtMs ?? NEVER);
  }

  /** Stops the watch. */
  async stop(): Promise<void> {
    await this.watch?.stop();
  }
}
