// Lets plain `node` load the TypeScript sources (tests that start src/server.ts as a process).
// Development only: production runs the compiled dist/.
const Module = require('node:module');
const fs = require('node:fs');
const swc = require('@swc/core');

Module._extensions['.ts'] = function compileTypeScript(module, filename) {
  const { code } = swc.transformSync(fs.readFileSync(filename, 'utf8'), {
    filename,
    sourceMaps: 'inline',
    module: { type: 'commonjs' },
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
  });
  module._compile(code, filename);
};
