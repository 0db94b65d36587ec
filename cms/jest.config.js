/** Unit tests of the plugin's pure logic (no Strapi boot). */
module.exports = {
  rootDir: '.',
  testMatch: ['<rootDir>/**/__tests__/**/*.test.ts'],
  testEnvironment: 'node',
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2022' } }] },
};
