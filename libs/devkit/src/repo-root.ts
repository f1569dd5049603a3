import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** The repository's root directory (where the workspace package.json and nx.json live). */
export function repoRoot(from = __dirname): string {
  let dir = from;
  while (!existsSync(join(dir, 'nx.json'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`no nx.json above ${from}: not inside the Fjord repository`);
    dir = parent;
  }
  return dir;
}
