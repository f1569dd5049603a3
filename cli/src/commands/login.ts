import type { Command } from 'commander';
import { ApiClient, configPath, saveConfig } from './api-client';

/** `fjord login SERVER --username --password`: logs in to a gateway and stores the session token. */
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
}
