// Lint for the whole workspace. The module-boundary rules keep engine libraries (tag `type:engine`) pure:
// no NestJS, Redis, gRPC, Git, Kubernetes client or file system — they take data and interfaces and return data.
// The lint is type-aware: each .ts file is checked with the types of the nearest tsconfig.json (the project
// service), so that a promise nobody awaits or a promise handed where a callback is expected is an error.
// `npm run lint` caches results (node_modules/.cache/eslint): a file is linted again when it or the config
// changes, so a type change that makes an unchanged file wrong shows only in a clean run (CI's, or after
// `rm -rf node_modules/.cache/eslint`).
import nx from '@nx/eslint-plugin';
import importX, { createNodeResolver } from 'eslint-plugin-import-x';
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

/** The Nx module-boundary rule with these tag constraints; `allow` lists imports it lets through regardless. */
function moduleBoundaries(depConstraints, allow = []) {
  return { '@nx/enforce-module-boundaries': ['error', { allow, banTransitiveDependencies: false, depConstraints }] };
}

export default [
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'libs/proto/src/gen/**', '**/coverage/**', '**/*.js', '**/*.mjs'],
  },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      // Workspace packages resolve to their node_modules links, so they count as external: a cycle between
      // packages is Nx's to report (enforce-module-boundaries), and no-cycle walks one package's files only.
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.json'], symlinks: false })],
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
    },
  },
  {
    // Type-only imports do not count: they vanish at run time. Nothing imports a spec, so no spec is in a cycle.
    files: ['**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true }] },
  },
  {
    files: ['**/*.ts'],
    plugins: { '@nx': nx },
    rules: {
      ...moduleBoundaries([
        { sourceTag: 'type:engine', onlyDependOnLibsWithTags: ['type:engine'], bannedExternalImports: engineBannedImports },
        // The contract may use only the Argo CD vocabulary (@fjord/argo, which depends on nothing): ADR 0010.
        { sourceTag: 'type:contract', onlyDependOnLibsWithTags: ['type:vocabulary'] },
        { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:engine', 'type:contract', 'type:adapter'] },
        { sourceTag: 'type:service', onlyDependOnLibsWithTags: ['type:engine', 'type:contract', 'type:adapter'] },
        { sourceTag: 'type:cli', onlyDependOnLibsWithTags: ['type:engine', 'type:contract', 'type:adapter'] },
        { sourceTag: 'type:tooling', onlyDependOnLibsWithTags: ['*'] },
        { sourceTag: 'type:e2e', onlyDependOnLibsWithTags: ['*'] },
      ]),
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Tests of engines may read the disk and use test tooling (real files, real oracles); their sources may not.
    files: ['**/*.spec.ts', '**/test/**/*.ts'],
    plugins: { '@nx': nx },
    rules: moduleBoundaries([
      { sourceTag: 'type:engine', onlyDependOnLibsWithTags: ['type:engine', 'type:adapter', 'type:tooling'] },
      { sourceTag: '*', onlyDependOnLibsWithTags: ['*'] },
    ]),
  },
  {
    // Benchmarks drive services through the test harnesses beside them (services/*/test), which are not packages.
    files: ['bench/**/*.ts'],
    plugins: { '@nx': nx },
    rules: moduleBoundaries([{ sourceTag: '*', onlyDependOnLibsWithTags: ['*'] }], [String.raw`^\.\./services/[\w-]+/test/`]),
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
