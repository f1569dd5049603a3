import * as fs from 'node:fs';
import { mkdir, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import git from 'isomorphic-git';
import { InputError } from '@fjord/platform';

/** Bounds on a checkout, so that a hostile repository cannot fill the disk. */
export interface CheckoutLimits {
  maxFiles: number;
  maxBytes: number;
}

/** Defaults: 100,000 files and 1 GiB per commit. */
export const DEFAULT_CHECKOUT_LIMITS: CheckoutLimits = { maxFiles: 100_000, maxBytes: 1 << 30 };

/**
 * Writes the tree of commit `sha` into `target` (which must not exist) without touching the repository's index or
 * HEAD, so several commits can be checked out at once. Symlinks are written as symlinks (readers refuse those that
 * leave the checkout), submodules are skipped, executable bits kept. Writes into a temporary sibling and renames.
 */
export async function materializeCommit(gitdir: string, sha: string, target: string, limits = DEFAULT_CHECKOUT_LIMITS, cache: object = {}): Promise<void> {
  const tmp = `${target}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  await mkdir(tmp, { recursive: true });
  let files = 0;
  let bytes = 0;
  try {
    await git.walk({
      fs,
      gitdir,
      cache,
      trees: [git.TREE({ ref: sha })],
      map: async (filepath, [entry]) => {
        if (!entry || filepath === '.') return true;
        const type = await entry.type();
        const out = join(tmp, filepath);
        if (type === 'tree') {
          await mkdir(out, { recursive: true });
          return true;
        }
        if (type !== 'blob') return null; // submodule (commit) entries
        if (++files > limits.maxFiles) throw new InputError(`commit ${sha} has more than ${limits.maxFiles} files; refusing to check it out`);
        const content = (await entry.content()) ?? new Uint8Array();
        bytes += content.byteLength;
        if (bytes > limits.maxBytes) throw new InputError(`commit ${sha} is larger than ${limits.maxBytes} bytes; refusing to check it out`);
        const mode = await entry.mode();
        if (mode === 0o120000) await symlink(Buffer.from(content).toString('utf8'), out);
        else await writeFile(out, content, { mode: mode === 0o100755 ? 0o755 : 0o644 });
        return true;
      },
    });
    await rename(tmp, target);
  } catch (err) {
    await rm(tmp, { recursive: true, force: true });
    throw err;
  }
}
