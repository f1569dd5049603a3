module.exports = { ...require('../../jest.cluster-preset.js'), displayName: 'test-cluster' };
