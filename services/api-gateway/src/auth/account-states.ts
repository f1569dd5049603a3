import type { KubeConfig } from '@kubernetes/client-node';
import type { Logger } from '@fjord/platform';
import { watchConfigMap } from '../kube/config-map-watch';
import { watchSecret } from '../kube/secret-watch';
import { Settings } from '../kube/settings-store';
import { accountRecord, accountStatusOf } from './account-record';
import type { LocalAccounts } from './accounts';
import type { AccountStatus } from './token-verdict';

/**
 * The current state of every local account, kept from watches of `argocd-cm` and `argocd-secret` so that checking
 * a token on each request costs no API call. `fresh` re-reads the API server, for confirming a refusal that a
 * watch which has not caught up yet could cause (a login right after a password change).
 */
export class AccountStates {
  private cm: Record<string, string> = {};
  private secret: Record<string, string> = {};
  private readonly watches: { stop(): Promise<void> }[] = [];

  constructor(
    private readonly accounts: LocalAccounts,
    /** The token signing key, which also keys the password fingerprints. */
    private readonly key: Uint8Array,
  ) {}

  /** Starts both watches; resolves once both have listed. */
  async start(kc: KubeConfig, namespace: string, logger: Logger): Promise<void> {
    this.watches.push(await watchConfigMap(kc, namespace, Settings.ConfigMap, (data) => (this.cm = data), logger));
    this.watches.push(await watchSecret(kc, namespace, Settings.Secret, (data) => (this.secret = data), logger));
  }

  /** The account as the watches last saw it; undefined when it does not exist. */
  status(name: string): AccountStatus | undefined {
    return accountStatusOf(accountRecord(name, this.cm, this.secret), this.key);
  }

  /** The account as the API server has it now. */
  async fresh(name: string): Promise<AccountStatus | undefined> {
    return accountStatusOf(await this.accounts.read(name), this.key);
  }

  /** Stops the watches. */
  async stop(): Promise<void> {
    await Promise.all(this.watches.splice(0).map((w) => w.stop()));
  }
}
