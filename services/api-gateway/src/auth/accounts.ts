import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { Settings, type SettingsStore } from '../kube/settings-store';

/** The built-in account. */
export const ADMIN = 'admin';
const DUMMY_HASH = bcrypt.hashSync('fjord-no-such-account', 10);

/**
 * Local accounts as Argo CD keeps them: `admin` (bcrypt hash in `argocd-secret` `admin.password`, disabled by
 * `admin.enabled: "false"` in `argocd-cm`) and `accounts.<name>: login` in `argocd-cm` with their hash in
 * `argocd-secret` `accounts.<name>.password`.
 */
export class LocalAccounts {
  constructor(private readonly settings: SettingsStore) {}

  /**
   * On first start, generates the admin password and stores it in `argocd-initial-admin-secret` (key `password`),
   * with its bcrypt hash in `argocd-secret`. Does nothing once an admin password exists. Returns true if it made one.
   */
  async ensureInitialAdmin(): Promise<boolean> {
    if (await this.settings.secretValue(Settings.AdminPassword)) return false;
    const password = randomBytes(12).toString('base64url');
    await this.settings.putSecretValues(Settings.InitialAdminSecret, { [Settings.InitialPassword]: password });
    await this.settings.putSecretValues(Settings.Secret, {
      [Settings.AdminPassword]: await bcrypt.hash(password, 10),
      [Settings.AdminPasswordMtime]: new Date().toISOString(),
    });
    return true;
  }

  /** True when the account exists, may log in, and the password matches. Takes as long for unknown accounts. */
  async verifyPassword(username: string, password: string): Promise<boolean> {
    const hash = await this.passwordHash(username);
    const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
    return ok && hash !== undefined;
  }

  private async passwordHash(username: string): Promise<string | undefined> {
    if (!/^[a-zA-Z0-9._-]{1,64}$/.test(username)) return undefined;
    const cm = await this.settings.configMapData(Settings.ConfigMap);
    if (username === ADMIN) {
      if (cm['admin.enabled'] === 'false') return undefined;
      return this.settings.secretValue(Settings.AdminPassword);
    }
    const capabilities = (cm[`accounts.${username}`] ?? '').split(',').map((c) => c.trim());
    if (!capabilities.includes('login') || cm[`accounts.${username}.enabled`] === 'false') return undefined;
    return this.settings.secretValue(`accounts.${username}.password`);
  }
}
