/** Benchmarks that boot the host app (not part of the test run): `npm run bench:approve`. */
const base = require('../jest.config.js');

module.exports = {
  ...base,
  rootDir: '../..',
  testMatch: ['<rootDir>/tests/bench/**/*.bench.ts'],
  testTimeout: 1800000,
};
