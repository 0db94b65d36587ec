/** Tests that boot the host app with the plugin, on SQLite or PostgreSQL (TEST_DB). */
module.exports = {
  rootDir: '..',
  roots: ['<rootDir>/tests'],
  testMatch: ['<rootDir>/tests/api/**/*.test.ts'],
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  globalSetup: '<rootDir>/tests/setup/global-setup.ts',
  globalTeardown: '<rootDir>/tests/setup/global-teardown.ts',
  setupFiles: ['<rootDir>/tests/setup/env.ts'],
  testTimeout: 120000,
  slowTestThreshold: 30,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
};
