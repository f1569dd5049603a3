#!/usr/bin/env node
// Installs the workspace's npm dependencies (npm ci) when node_modules is missing or older than package-lock.json,
// so that `npm test` and `npm run quickstart` work on a fresh clone with no other step.
import { execSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const marker = join(root, 'node_modules/.package-lock.json');
const lock = join(root, 'package-lock.json');
if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
  process.stderr.write('fjord: installing npm dependencies (npm ci)...\n');
  const started = Date.now();
  execSync('npm ci --no-audit --no-fund', { cwd: root, stdio: 'inherit' });
  process.stderr.write(`fjord: dependencies installed in ${Math.round((Date.now() - started) / 1000)} s\n`);
}
