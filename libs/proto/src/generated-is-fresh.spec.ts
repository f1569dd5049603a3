import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const libDir = resolve(__dirname, '..');

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

describe('generated gRPC code', () => {
  it('matches what proto/ generates now (run `npm run proto:gen` after editing a .proto)', () => {
    const out = mkdtempSync(join(tmpdir(), 'fjord-proto-check-'));
    try {
      execFileSync(process.execPath, [join(libDir, 'scripts/generate.mjs'), '--out', out], { stdio: 'pipe' });
      const committed = join(libDir, 'src/gen');
      const fresh = listFiles(out)
        .map((f) => relative(out, f))
        .sort();
      const current = listFiles(committed)
        .map((f) => relative(committed, f))
        .sort();
      expect(current).toEqual(fresh);
      const stale = fresh.filter((f) => readFileSync(join(out, f), 'utf8') !== readFileSync(join(committed, f), 'utf8'));
      expect(stale).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 60_000);
});
