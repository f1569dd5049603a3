module.exports = { ...require('../../jest.cluster-preset.js'), displayName: 'repo-server' };
