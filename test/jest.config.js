module.exports = { ...require('../jest.preset.js'), testMatch: ['<rootDir>/**/*.{spec,int-spec}.ts'] };
