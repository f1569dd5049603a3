module.exports = { ...require('../../jest.cluster-preset.js'), displayName: 'kube-config' };
