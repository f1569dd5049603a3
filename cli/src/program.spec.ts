import { execFileSync, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { buildProgram } from './program';
import { cliVersion } from './version';

const bin = join(__dirname, '../bin/fjord.js');

describe('fjord', () => {
  it('prints help listing its commands through the real entry point', () => {
    const help = execFileSync(process.execPath, [bin, '--help'], { encoding: 'utf8' });
    expect(help).toContain('Usage: fjord');
    expect(help).toMatch(/version \[options\]\s+Print the version/);
  });

  it('prints its version', async () => {
    let out = '';
    await buildProgram((t) => (out += t)).parseAsync(['node', 'fjord', 'version', '--short']);
    expect(out).toBe(`${cliVersion()}\n`);
    expect(cliVersion()).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('fails with a clear message and non-zero exit on an unknown command', () => {
    const run = spawnSync(process.execPath, [bin, 'frobnicate'], { encoding: 'utf8' });
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain("unknown command 'frobnicate'");
  });
});
