// Shared jest preset: every project's jest config spreads `unit(dir)` or `integration(dir)`.
// Path aliases come from tsconfig.base.json only (one place), mapped here for jest.
const path = require('node:path');
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    path.join(__dirname, target),
  ]),
);

const swc = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true },
    target: 'es2022',
  },
  module: { type: 'commonjs' },
  sourceMaps: 'inline',
};

const base = (dir) => ({
  rootDir: dir,
  displayName: path.relative(__dirname, dir),
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest', swc] },
  moduleFileExtensions: ['ts', 'js', 'json'],
  moduleNameMapper,
  reporters: ['default', path.join(__dirname, 'tools/jest-totals-reporter.js')],
});

/** Unit tests: pure code, `*.spec.ts` beside the code, no broker or database. */
const unit = (dir) => ({ ...base(dir), testMatch: ['**/*.spec.ts'] });

/** Integration tests: `*.int-spec.ts` against the real Kafka broker and PostgreSQL. */
const integration = (dir) => ({
  ...base(dir),
  testMatch: ['**/*.int-spec.ts'],
  testTimeout: 60_000,
  globalSetup: path.join(__dirname, 'tools/jest-integration-setup.js'),
  globalTeardown: path.join(__dirname, 'tools/jest-integration-teardown.js'),
});

module.exports = { unit, integration, swc };
