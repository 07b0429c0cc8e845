// Shared Jest settings: swc (same options as the build) keeps Nest decorator metadata;
// workspace imports resolve to library sources so tests never need a prior build.
const path = require('node:path');
const { readFileSync } = require('node:fs');

const root = __dirname;
const { $schema: _schema, ...swcOptions } = JSON.parse(readFileSync(path.join(root, '.swcrc'), 'utf8'));

module.exports = {
  testEnvironment: 'node',
  // Integration tests wait on a real broker, registry and database.
  testTimeout: 60_000,
  transform: { '^.+\\.ts$': ['@swc/jest', { ...swcOptions, swcrc: false }] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper: {
    '^@backbone/events/testing$': path.join(root, 'libs/events/src/testing/index.ts'),
    '^@backbone/events$': path.join(root, 'libs/events/src/index.ts'),
    '^@backbone/exceptions$': path.join(root, 'libs/exceptions/src/index.ts'),
    '^@backbone/odoo-simulator$': path.join(root, 'libs/odoo-simulator/src/index.ts'),
    '^@backbone/schemas$': path.join(root, 'libs/schemas/src/index.ts'),
    '^@backbone/service-kit/testing$': path.join(root, 'libs/service-kit/src/testing/index.ts'),
    '^@backbone/service-kit$': path.join(root, 'libs/service-kit/src/index.ts'),
  },
};
