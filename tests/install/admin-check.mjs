/**
 * Run inside the installed app (cwd): what `strapi build` would put into the admin panel for the
 * mentorship plugin. It uses the admin build's own plugin discovery (@strapi/strapi's
 * getEnabledPlugins and getMapOfPluginsWithAdmin, as `strapi build` calls them), then loads the entry
 * it found as the bundle would, and prints what the entry registers as JSON.
 */
import { createRequire } from 'node:module';
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
const result = { bundled: withAdmin.map((plugin) => ({ name: plugin.name, modulePath: plugin.modulePath })), entryFile: null, links: [], registered: [], translations: 0 };
if (entry) {
  result.entryFile = require.resolve(entry.modulePath);
  const admin = (await import(entry.modulePath)).default;
  admin.register({
    addMenuLink: (link) => result.links.push({ to: link.to, label: link.intlLabel?.defaultMessage, permissions: link.permissions, lazyPage: typeof link.Component === 'function' }),
    registerPlugin: (plugin) => result.registered.push(plugin.id),
  });
  const [english] = await admin.registerTrads({ locales: ['en'] });
  result.translations = Object.keys(english?.data ?? {}).length;
}
process.stdout.write(JSON.stringify(result));
