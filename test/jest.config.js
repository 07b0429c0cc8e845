module.exports = { ...require('../jest.preset.js'), testMatch: ['<rootDir>/**/*.int-spec.ts'] };
