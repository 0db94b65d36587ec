/**
 * Run inside the installed app (cwd): what `strapi build` would put into the admin panel for the
 * mentorship plugin. It uses the admin build's own plugin discovery (@strapi/strapi's
 * getEnabledPlugins and getMapOfPluginsWithAdmin, as `strapi build` calls them), then loads the entry
 * it found and reads from its compiled code what the bundle will register, printed as JSON.
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const cwd = process.cwd();
const require = createRequire(path.join(cwd, 'package.json'));
const strapiDir = path.dirname(require.resolve('@strapi/strapi/package.json'));
const { getEnabledPlugins, getMapOfPluginsWithAdmin } = require(path.join(strapiDir, 'dist', 'src', 'node', 'core', 'plugins.js'));

const dependencies = require(path.join(cwd, 'package.json')).dependencies;
const config = { 'info.dependencies': dependencies };
const plugins = await getEnabledPlugins({
  cwd,
  runtimeDir: path.join(cwd, '.strapi', 'client'),
  logger: { debug() {}, info() {}, warn() {}, error() {} },
  strapi: { config: { get: (key, fallback) => config[key] ?? fallback }, dirs: { app: { config: path.join(cwd, 'config') } } },
});
const withAdmin = getMapOfPluginsWithAdmin(plugins);
const entry = withAdmin.find((plugin) => plugin.name === 'mentorship');
const result = { bundled: withAdmin.map((plugin) => ({ name: plugin.name, modulePath: plugin.modulePath })), entryFile: null, registers: {}, pageChunks: [], translationKeys: 0 };
if (entry) {
  // Read, not run: the entry imports the Content Manager's hooks from @strapi/strapi/admin, which only the
  // admin's bundler resolves (plain Node cannot load that ESM tree). What the bundle will call is read
  // from the compiled code; the browser suite runs the same sources in a real build.
  result.entryFile = require.resolve(entry.modulePath);
  const dir = path.dirname(result.entryFile);
  const entryText = fs.readFileSync(result.entryFile.replace(/\.js$/, '.mjs'), 'utf8');
  const chunkNames = [...entryText.matchAll(/from\s*"\.\/([^"]+)"/g)].map((match) => match[1]);
  const code = [entryText, ...chunkNames.map((chunk) => fs.readFileSync(path.join(dir, chunk), 'utf8'))].join('\n');
  const pluginId = /const PLUGIN_ID = "([^"]+)"/.exec(code)?.[1] ?? null;
  result.registers = {
    pluginId,
    menuLink: code.includes('app.addMenuLink({') && code.includes('to: `plugins/${PLUGIN_ID}`'),
    menuPermission: code.includes('action: `plugin::${PLUGIN_ID}.read`'),
    registerPlugin: code.includes('app.registerPlugin('),
    registerTrads: code.includes('registerTrads('),
  };
  result.pageChunks = [...code.matchAll(/import\(\s*"\.\/([^"]+)"\)/g)].map((match) => match[1]).filter((chunk) => fs.existsSync(path.join(dir, chunk)));
  const english = result.pageChunks.find((chunk) => chunk.startsWith('en-'));
  if (english) result.translationKeys = [...fs.readFileSync(path.join(dir, english), 'utf8').matchAll(/^\s*"?[\w.-]+"?\s*:/gm)].length;
}
process.stdout.write(JSON.stringify(result));
