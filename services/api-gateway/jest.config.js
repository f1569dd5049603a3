// Real Kubernetes per test run; Nest 12 and jose are ES modules, so Jest compiles them to CommonJS too.
const preset = require('../../jest.cluster-preset.js');
const esmOnly = ['@kubernetes/client-node', 'openid-client', 'oauth4webapi', 'jose', 'jsonpath-plus', 'rfc4648', '@nestjs', 'load-esm', 'uid', 'file-type'];
module.exports = { ...preset, displayName: 'api-gateway', transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`] };
