module.exports = { ...require('../../jest.preset.js'), displayName: 'go-template' };
