module.exports = { ...require('../../jest.preset.js'), displayName: 'source-fs' };
