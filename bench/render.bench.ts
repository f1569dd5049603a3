/**
 * repo-server render time for a plain directory of N manifests (default 1,000), through the real service: a
 * repo-server process, a Git repository served by git http-backend, gRPC calls. Prints the median of each case:
 * - cold: first request (ls-remote, fetch, render from the object store, cache write)
 * - warm miss: no_cache=true (objects already fetched, render again)
 * - cached: a cache hit
 * - reuse: a new commit that touched another path (fingerprint, no render)
 * Run: npx tsx bench/render.bench.ts [manifests] [iterations]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createGitFixture, spawnService, startGitServer } from '@fjord/devkit';
import { repoServerClient } from '../services/repo-server/test/repo-server-client';

const manifests = Number(process.argv[2] ?? 1000);
const iterations = Number(process.argv[3] ?? 5);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ms = (t: bigint) => Number(process.hrtime.bigint() - t) / 1e6;

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'fjord-render-bench-'));
  const repo = createGitFixture(join(root, 'config.git'));
  const files: Record<string, string> = {};
  for (let i = 0; i < manifests; i++) {
    files[`apps/big/cm-${String(i).padStart(4, '0')}.yaml`] =
      `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n  labels: {app: big, index: "${i}"}\ndata:\n  key: value-${i}\n  other: "${'x'.repeat(64)}"\n`;
  }
  files['apps/other/cm.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\n';
  repo.commit(files, 'a thousand manifests');
  const git = await startGitServer({ root });
  const cold: number[] = [];
  const warm: number[] = [];
  const cached: number[] = [];
  const reuse: number[] = [];
  try {
    for (let i = 0; i < iterations; i++) {
      const svc = await spawnService('repo-server', {
        args: ['--port', '0', '--metrics-port', '0', '--repo-cache-dir', join(root, `cache-${i}`), '--max-manifest-bytes', String(512 << 20)],
        env: { LOG_LEVEL: 'warn', REDIS_URL: '' },
      });
      const client = repoServerClient(svc.grpcPort);
      const url = `${git.url}/config.git`;
      const req = { repo: { repoUrl: url, credentials: undefined }, source: { repoUrl: url, path: 'apps/big', targetRevision: 'main' } as never };
      let t = process.hrtime.bigint();
      const first = await client.generate(req);
      cold.push(ms(t));
      if (first.manifests.length !== manifests) throw new Error(`expected ${manifests} manifests, got ${first.manifests.length}`);
      t = process.hrtime.bigint();
      await client.generate({ ...req, noCache: true });
      warm.push(ms(t));
      t = process.hrtime.bigint();
      await client.generate(req);
      cached.push(ms(t));
      const next = repo.commit({ 'apps/other/cm.yaml': `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: other}\ndata: {i: "${i}"}\n` });
      t = process.hrtime.bigint();
      const reused = await client.generate({ ...req, revision: next });
      reuse.push(ms(t));
      if (!reused.cached) throw new Error('expected the render to be reused for a commit that did not touch apps/big');
      client.close();
      await svc.stop();
    }
  } finally {
    await git.close();
    rmSync(root, { recursive: true, force: true });
  }
  const rows = [
    ['cold (fetch + render)', median(cold)],
    ['warm cache miss (render only)', median(warm)],
    ['cache hit', median(cached)],
    ['new commit, app untouched (reuse)', median(reuse)],
  ] as const;
  console.log(`repo-server, plain directory of ${manifests} manifests, median of ${iterations} runs (gRPC round trip included):`);
  for (const [name, value] of rows) console.log(`  ${name.padEnd(36)} ${value.toFixed(1).padStart(8)} ms`);
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
