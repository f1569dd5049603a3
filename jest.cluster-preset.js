// For projects whose tests need the real Kubernetes API server: one cluster per test run (started by the global
// setup, or reused when `npm run cluster:up` already runs one), FJORD_TEST_KUBECONFIG set for the tests.
const { join } = require('node:path');

module.exports = {
  ...require('./jest.preset.js'),
  globalSetup: join(__dirname, 'tools/test-cluster/jest/global-setup.ts'),
  globalTeardown: join(__dirname, 'tools/test-cluster/jest/global-teardown.ts'),
};
