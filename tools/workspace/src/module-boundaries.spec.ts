import { spawnSync, execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

beforeAll(() => {
  // The Nx rule needs the project graph; without it the rule silently skips.
  execFileSync(join(root, 'node_modules/.bin/nx'), ['show', 'projects'], { cwd: root, stdio: 'pipe' });
}, 60_000);

/**
 * Lints `code` as if it were the file at `file`, with the workspace's real ESLint config (in a child process). The lint is
 * type-aware, so `file` must be a file a tsconfig includes: an existing one, whose text `code` stands in for.
 */
async function lintAs(file: string, code: string): Promise<string[]> {
  const run = spawnSync(join(root, 'node_modules/.bin/eslint'), ['--format', 'json', '--stdin', '--stdin-filename', join(root, file)], {
    cwd: root,
    input: code,
    encoding: 'utf8',
  });
  if (run.status !== 0 && run.status !== 1) throw new Error(`eslint failed: ${run.stderr}`);
  const [result] = JSON.parse(run.stdout) as { messages: { ruleId: string; message: string }[] }[];
  return result.messages.map((m) => `${m.ruleId}: ${m.message}`);
}

jest.setTimeout(30_000);

describe('module boundaries', () => {
  it.each([
    ["import { readFileSync } from 'node:fs';"],
    ["import * as fs from 'fs';"],
    ["import { Redis } from 'ioredis';"],
    ["import { Server } from '@grpc/grpc-js';"],
    ["import * as git from 'isomorphic-git';"],
    ["import { Injectable } from '@nestjs/common';"],
    ["import { KubeConfig } from '@kubernetes/client-node';"],
  ])('refuse an engine library importing I/O or a framework: %s', async (code) => {
    const messages = await lintAs('libs/k8s-yaml/src/parse.ts', `${code}\nexport const x = 1;\n`);
    expect(messages.join('\n')).toMatch(/enforce-module-boundaries|no-restricted-imports/);
  });

  it('refuse an engine library importing an adapter library', async () => {
    const messages = await lintAs('libs/k8s-yaml/src/parse.ts', "import { createLogger } from '@fjord/platform';\nexport const x = createLogger;\n");
    expect(messages.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });

  it('allow an engine library its pure dependencies', async () => {
    const messages = await lintAs('libs/k8s-yaml/src/parse.ts', "import { parse } from 'yaml';\nexport const x = parse;\n");
    expect(messages).toEqual([]);
  });

  it('allow a service to use adapters, and refuse it test tooling', async () => {
    expect(await lintAs('services/repo-server/src/main.ts', "import { main } from '@fjord/platform';\nexport const x = main;\n")).toEqual([]);
    const bad = await lintAs('services/repo-server/src/main.ts', "import { spawnService } from '@fjord/devkit';\nexport const x = spawnService;\n");
    expect(bad.join('\n')).toMatch(/@nx\/enforce-module-boundaries/);
  });
});
