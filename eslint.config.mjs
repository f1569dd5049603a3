// Lint for the whole workspace. The module-boundary rules keep engine libraries (tag `type:engine`) pure:
// no NestJS, Redis, gRPC, Git, Kubernetes client or file system — they take data and interfaces and return data.
import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';
import { readdirSync, readFileSync, existsSync } from 'node:fs';

/** Imports an engine library may never make. */
const engineBannedImports = [
  '@nestjs/*',
  'ioredis',
  '@grpc/*',
  'isomorphic-git',
  '@kubernetes/client-node',
  'fs',
  'fs/*',
  'node:fs',
  'node:fs/*',
  'child_process',
  'node:child_process',
  'net',
  'node:net',
  'http',
  'node:http',
  'https',
  'node:https',
];

/** Folders of projects tagged type:engine, read from their package.json so the tag is the single switch. */
const engineDirs = readdirSync('libs').filter((name) => {
  const pkg = `libs/${name}/package.json`;
  return existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')).nx?.tags ?? []).includes('type:engine');
});

export default [
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'libs/proto/src/gen/**', '**/coverage/**', '**/*.js', '**/*.mjs'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          banTransitiveDependencies: false,
          depConstraints: [
            {
              sourceTag: 'type:engine',
              onlyDependOnLibsWithTags: ['type:engine'],
              bannedExternalImports: engineBannedImports,
            },
            { sourceTag: 'type:contract', onlyDependOnLibsWithTags: [] },
            { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:engine', 'type:contract', 'type:adapter'] },
            {
              sourceTag: 'type:service',
              onlyDependOnLibsWithTags: ['type:engine', 'type:contract', 'type:adapter'],
            },
            { sourceTag: 'type:cli', onlyDependOnLibsWithTags: ['type:engine', 'type:contract', 'type:adapter'] },
            { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['*'] },
            { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Tests of engines may read the disk and use test tooling (real files, real oracles); their sources may not.
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          allow: [],
          banTransitiveDependencies: false,
          depConstraints: [
            { sourceTag: 'type:engine', onlyDependOnLibsWithTags: ['type:engine', 'type:adapter', 'type:tooling'] },
            { sourceTag: '*', onlyDependOnLibsWithTags: ['*'] },
          ],
        },
      ],
    },
  },
  {
    // Benchmarks drive services through the test harnesses beside them (services/*/test), which are not packages.
    files: ['bench/**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        { allow: [String.raw`^\.\./services/[\w-]+/test/`], banTransitiveDependencies: false, depConstraints: [{ sourceTag: '*', onlyDependOnLibsWithTags: ['*'] }] },
      ],
    },
  },
  ...engineDirs.map((dir) => ({
    files: [`libs/${dir}/src/**/*.ts`],
    ignores: [`libs/${dir}/src/**/*.spec.ts`],
    rules: {
      // Belt and braces beside the Nx rule: Node built-ins are not "external" to it.
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: engineBannedImports, message: 'engine libraries are pure: no I/O, no framework (STYLE.md §1)' }] },
      ],
    },
  })),
];
