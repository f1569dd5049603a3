// Real Kubernetes per test run; Nest 12 and jose are ES modules, so Jest compiles them to CommonJS too.
// The gateway is written with TypeScript's legacy decorators (its tsconfig.json, ADR 0008), so SWC compiles them
// the same way here; no decorator metadata is emitted, as tsx emits none at run time.
const preset = require('../../jest.cluster-preset.js');
const esmOnly = ['@kubernetes/client-node', 'openid-client', 'oauth4webapi', 'jose', 'jsonpath-plus', 'rfc4648', '@nestjs', 'load-esm', 'uid', 'file-type'];
const swc = [
  '@swc/jest',
  {
    jsc: { parser: { syntax: 'typescript', decorators: true }, transform: { legacyDecorator: true, decoratorMetadata: false }, target: 'es2022' },
    module: { type: 'commonjs' },
  },
];
module.exports = {
  ...preset,
  displayName: 'api-gateway',
  transform: { '^.+\\.(ts|js|mjs)$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
};
