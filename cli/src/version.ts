import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The CLI's own version, from its package.json. */
export function cliVersion(): string {
  return (JSON.parse(readFileSync(join(__dirname, '../package.json'), 'utf8')) as { version: string }).version;
}
