// The root preset is loaded by path (Jest resolves presets starting with '.' from rootDir).
module.exports = { preset: '../../jest.preset.js', testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'] };
