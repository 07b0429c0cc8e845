const preset = require('../../jest.preset.js');

module.exports = {
  ...preset,
  // Until the root preset maps the service-kit testing entry as it does @backbone/events/testing.
  moduleNameMapper: { ...preset.moduleNameMapper, '^@backbone/service-kit/testing$': '<rootDir>/../../libs/service-kit/src/testing/index.ts' },
  testMatch: ['<rootDir>/src/**/*.spec.ts', '<rootDir>/src/**/*.int-spec.ts'],
};
