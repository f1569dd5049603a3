#!/usr/bin/env node
// Regenerates libs/proto/src/gen from proto/ with buf (binary from the npm package) running ts-proto as a
// local plugin. `--out DIR` writes elsewhere (the staleness test uses it); the default replaces src/gen.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, cpSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const libDir = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const root = resolve(libDir, '../..');
const outArg = process.argv.indexOf('--out');
const target = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(libDir, 'src/gen');

const plugin = join(root, 'node_modules/.bin/protoc-gen-ts_proto');
const template = {
  version: 'v2',
  plugins: [
    {
      local: plugin,
      out: '.',
      opt: [
        'outputServices=grpc-js',
        'esModuleInterop=true',
        'env=node',
        'forceLong=number',
        'useOptionals=none',
        'oneof=unions-value',
        'outputTypeRegistry=false',
        'exportCommonSymbols=false',
      ],
    },
  ],
};

const work = mkdtempSync(join(tmpdir(), 'fjord-proto-'));
try {
  const templateFile = join(work, 'buf.gen.json');
  writeFileSync(templateFile, JSON.stringify(template));
  const buf = join(root, 'node_modules/.bin/buf');
  execFileSync(buf, ['generate', join(root, 'proto'), '--template', templateFile, '-o', join(work, 'out')], {
    stdio: 'inherit',
  });
  rmSync(target, { recursive: true, force: true });
  cpSync(join(work, 'out'), target, { recursive: true });
} finally {
  rmSync(work, { recursive: true, force: true });
}
