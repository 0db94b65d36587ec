/** Benchmarks that boot the host app (not part of the test run): `npm run bench:approve`, `npm run bench:portal`. */
const base = require('../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  testMatch: ['<rootDir>/tests/bench/**/*.bench.ts'],
  testTimeout: 1800000,
};
