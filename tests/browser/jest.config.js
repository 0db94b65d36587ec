/**
 * Browser tests: the built admin panel (strapi build, then strapi start on a fresh SQLite database with
 * the demo association), driven with playwright-core and Debian's Chromium.
 */
module.exports = {
  rootDir: '../..',
  roots: ['<rootDir>/tests/browser'],
  testMatch: ['<rootDir>/tests/browser/**/*.test.ts'],
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  globalSetup: '<rootDir>/tests/browser/global-setup.ts',
  globalTeardown: '<rootDir>/tests/browser/global-teardown.ts',
  testTimeout: 240000,
  slowTestThreshold: 120,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/'],
};
