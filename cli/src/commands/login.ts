import type { Command } from 'commander';
import { ApiClient, ApiError, configPath, forgetConfig, loadConfig, saveConfig } from './api-client';

/** `fjord login SERVER --username --password` stores a session token; `fjord logout` revokes and forgets it. */
export function registerLoginCommands(program: Command, out: (text: string) => void): void {
  program
    .command('login')
    .description('Log in to a Fjord API server and remember the session')
    .argument('<server>', 'the API server, e.g. localhost:8080 or https://fjord.example.com')
    .requiredOption('--username <name>', 'account name', 'admin')
    .requiredOption('--password <password>', 'the account password')
    .action(async (server: string, opts: { username: string; password: string }) => {
      const { token } = await new ApiClient(server).request<{ token: string }>('POST', '/api/v1/session', { username: opts.username, password: opts.password });
      saveConfig({ server, token, username: opts.username });
      out(`'${opts.username}' logged in successfully\nContext saved to ${configPath()}\n`);
    });

  program
    .command('logout')
    .description('Log out: the server revokes the session token, and this machine forgets it')
    .action(async () => {
      const config = loadConfig();
      try {
        await new ApiClient(config.server, config.token).request('DELETE', '/api/v1/session');
      } catch (err) {
        // A token the server already refuses (expired, revoked, account gone) is as good as logged out.
        // Otherwise the token stays valid on the server, so it is kept here for another try.
        if (!(err instanceof ApiError && err.status === 401))
          throw new Error(`the server did not revoke the session, which stays valid (run \`fjord logout\` again): ${(err as Error).message}`);
      }
      forgetConfig();
      out(`Logged out from '${config.server}'\n`);
    });
}
