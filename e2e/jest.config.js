module.exports = { ...require('../jest.cluster-preset.js'), displayName: 'e2e' };
