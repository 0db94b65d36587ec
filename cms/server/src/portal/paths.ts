import fs from 'fs';
import path from 'path';

const PACKAGE_NAME = 'strapi-plugin-mentorship';

/**
 * The plugin's package root, where the portal's templates and assets live. The compiled server
 * sits in different places (the host app's dist/ in this repository, the package's dist/ when
 * packaged), so the root is found from the package name, not from this file's folder.
 */
const findPackageRoot = (): string => {
  try {
    return path.dirname(fs.realpathSync(require.resolve(`${PACKAGE_NAME}/package.json`)));
  } catch {
    // Not resolvable by name (e.g. copied in without node_modules): walk up from here.
    for (let dir = __dirname; dir !== path.dirname(dir); dir = path.dirname(dir)) {
      const candidate = path.join(dir, 'package.json');
      if (fs.existsSync(candidate) && (JSON.parse(fs.readFileSync(candidate, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return dir;
      const nested = path.join(dir, 'cms', 'package.json');
      if (fs.existsSync(nested) && (JSON.parse(fs.readFileSync(nested, 'utf8')) as { name?: string }).name === PACKAGE_NAME) return path.dirname(nested);
    }
    throw new Error(`The mentorship plugin cannot find its package root (${PACKAGE_NAME}) to read the portal's templates`);
  }
};

let root: string | null = null;
export const packageRoot = () => (root ??= findPackageRoot());
export const viewsDir = () => path.join(packageRoot(), 'server', 'portal-views');
export const assetsDir = () => path.join(packageRoot(), 'server', 'portal-assets');
/** Where a host app puts its own versions of portal templates (same relative paths). */
export const overridesDir = (appRoot: string) => path.join(appRoot, 'src', 'extensions', 'mentorship', 'portal-views');
