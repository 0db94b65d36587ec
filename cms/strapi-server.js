'use strict';

/**
 * Server entry of the plugin. A packaged build (strapi-plugin build) puts the server in ./dist;
 * inside this repository the host app's TypeScript build compiles cms/server into the app's dist/.
 */
const path = require('path');
const fs = require('fs');

const packaged = path.join(__dirname, 'dist', 'server', 'index.js');
const hostCompiled = path.join(__dirname, '..', 'dist', 'cms', 'server', 'src', 'index.js');
const entry = fs.existsSync(packaged) ? packaged : hostCompiled;
if (!fs.existsSync(entry)) {
  throw new Error(`The mentorship plugin's server is not compiled: expected ${packaged} or ${hostCompiled}. Run "npm run build" in the host app.`);
}
const mod = require(entry);
module.exports = mod.default || mod;
