/** Benchmarks that boot the host app (npm run bench:portal): a report, not a test; not part of npm test. */
module.exports = {
  rootDir: '../..',
  roots: ['<rootDir>/tests/bench'],
  testMatch: ['<rootDir>/tests/bench/**/*.bench.ts'],
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  setupFiles: ['<rootDir>/tests/setup/env.ts'],
  testTimeout: 1800000,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
};
