/**
 * The plugin as an association installs it: packed once per run (npm pack in cms/), installed into a
 * separate minimal Strapi app (tests/install/fixture-app) and started there with `strapi start`.
 */
module.exports = {
  rootDir: '../..',
  roots: ['<rootDir>/tests/install'],
  testMatch: ['<rootDir>/tests/install/**/*.test.ts'],
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
  globalSetup: '<rootDir>/tests/install/global-setup.ts',
  globalTeardown: '<rootDir>/tests/install/global-teardown.ts',
  testTimeout: 180000,
  slowTestThreshold: 60,
  modulePathIgnorePatterns: ['<rootDir>/dist/', '<rootDir>/.tmp/', '<rootDir>/cms/dist/', '<rootDir>/tests/install/fixture-app/'],
};
