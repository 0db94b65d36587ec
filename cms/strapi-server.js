'use strict';

/**
 * Server entry of the plugin inside this repository: the host app's TypeScript build (`strapi build`,
 * `strapi develop`, the tests' compileStrapi) compiles cms/server into the app's dist/. The installable
 * package does not use this file: its manifest points `./strapi-server` at the compiled dist/server
 * (see scripts/package.mjs), so a packaged build lying in cms/dist never shadows the sources here.
 */
const path = require('path');
const fs = require('fs');

const hostCompiled = path.join(__dirname, '..', 'dist', 'cms', 'server', 'src', 'index.js');
if (!fs.existsSync(hostCompiled)) {
  throw new Error(`The mentorship plugin's server is not compiled: expected ${hostCompiled}. Run "npm run build" in the host app.`);
}
const mod = require(hostCompiled);
module.exports = mod.default || mod;
