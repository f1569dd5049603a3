import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { repoRoot } from './repo-root';

/**
 * Where the Go oracles' sources live: `tools/fuzz/oracles/<name>/` (go.mod, go.sum, *.go). The differential fuzzers
 * and the engines' conformance specs share them, so each real tool has one Go harness.
 */
export const ORACLES = join(repoRoot(), 'tools', 'fuzz', 'oracles');

/**
 * Builds a Go oracle program once into the cache outside the repository ($FJORD_CACHE/bin, as the cluster's binaries),
 * keyed by a hash of its sources, and returns the binary's path. Modules come from the Go module proxy by name.
 */
export function goOracle(name: string): string {
  const dir = join(ORACLES, name);
  const hash = createHash('sha256');
  for (const f of readdirSync(dir).sort()) if (/\.(go|mod|sum)$/.test(f)) hash.update(f).update(readFileSync(join(dir, f)));
  const cache = join(process.env.FJORD_CACHE ?? join(homedir(), '.cache', 'fjord'), 'bin');
  const bin = join(cache, `fuzz-oracle-${name}-${hash.digest('hex').slice(0, 16)}`);
  if (!existsSync(bin)) {
    mkdirSync(cache, { recursive: true });
    execFileSync('go', ['build', '-o', bin, '.'], {
      cwd: dir,
      env: { ...process.env, GOTOOLCHAIN: 'local', CGO_ENABLED: '0', GOFLAGS: '-mod=mod -trimpath' },
      stdio: ['ignore', 'inherit', 'inherit'],
    });
  }
  return bin;
}
