import { randomBytes } from 'node:crypto';
import bcrypt from 'bcryptjs';
import { Settings, type SettingsStore } from '../kube/settings-store';
import { accountRecord, type AccountRecord } from './account-record';

const DUMMY_HASH = bcrypt.hashSync('fjord-no-such-account', 10);

/** Decoded data of a Secret (values stay in the gateway). */
const secretData = (data: Record<string, string> | undefined) =>
  Object.fromEntries(Object.entries(data ?? {}).map(([k, v]) => [k, Buffer.from(v, 'base64').toString('utf8')]));

/**
 * Local accounts as Argo CD keeps them: `admin` (bcrypt hash in `argocd-secret` `admin.password`, disabled by
 * `admin.enabled: "false"` in `argocd-cm`) and `accounts.<name>: login` in `argocd-cm` with their hash in
 * `argocd-secret` `accounts.<name>.password` and the time it was set in `accounts.<name>.passwordMtime`.
 * Reads go to the API server every time, so a login always sees the current password.
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

  /** The account as stored now, or undefined when there is none. */
  async read(username: string): Promise<AccountRecord | undefined> {
    const [cm, secret] = await Promise.all([this.settings.configMapData(Settings.ConfigMap), this.settings.readSecret(Settings.Secret)]);
    return accountRecord(username, cm, secretData(secret?.data));
  }

  /**
   * The account when it exists, may log in, and the password matches; undefined otherwise. Takes as long for
   * unknown accounts.
   */
  async verifyPassword(username: string, password: string): Promise<AccountRecord | undefined> {
    const record = await this.read(username);
    // An unreadable passwordMtime would refuse every token at once; Argo CD refuses the login too.
    const hash = record?.enabled && record.passwordMtimeMs !== Infinity ? record.passwordHash : undefined;
    const ok = await bcrypt.compare(password, hash ?? DUMMY_HASH);
    return ok && hash !== undefined ? record : undefined;
  }
}
