#!/usr/bin/env node
/**
 * Builds the plugin's installable package with Strapi's plugin tooling, and restores the repository's
 * manifest afterwards.
 *
 * Inside this repository the host app loads the plugin from its sources: the admin's Vite build reads
 * `exports["./strapi-admin"].import` (TypeScript) and `strapi-server.js` loads the server the host's own
 * `tsc` compiled. The package points the same exports at compiled files instead. `npm pack` and
 * `npm publish` run `prepack` (this script with `prepack`: build, then write the package's manifest) and
 * `postpack` (`postpack`: put the repository's manifest back), so the package is built and packed from
 * one command and the repository never depends on a packaged build.
 *
 *   node scripts/package.mjs build      build dist/ and verify it, leaving package.json as it is
 *   node scripts/package.mjs prepack    build, verify, and leave the package's manifest for npm pack
 *   node scripts/package.mjs postpack   restore the repository's manifest
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const pluginDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = path.join(pluginDir, 'package.json');
const savedPath = path.join(pluginDir, '.package.repo.json');
const bin = (name) => {
  // The tools are installed at the workspace root (or in the plugin folder when it stands alone).
  for (let dir = pluginDir; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'node_modules', '.bin', name);
    if (fs.existsSync(candidate)) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`${name} is not installed: run npm install`);
  }
};

/** The exports of the installed package: compiled admin and server, and the contracts' types. */
const PACKAGE_EXPORTS = {
  './strapi-admin': {
    source: './admin/src/index.ts',
    import: './dist/admin/index.mjs',
    require: './dist/admin/index.js',
    default: './dist/admin/index.js',
  },
  './strapi-server': {
    source: './server/src/index.ts',
    import: './dist/server/index.mjs',
    require: './dist/server/index.js',
    default: './dist/server/index.js',
  },
  './contracts': {
    types: './dist/shared/contracts/index.d.ts',
    source: './shared/contracts/index.ts',
    require: './dist/shared/contracts/index.js',
    default: './dist/shared/contracts/index.js',
  },
  './package.json': './package.json',
};

const run = (command, args) => execFileSync(command, args, { cwd: pluginDir, stdio: 'inherit', env: { ...process.env, STRAPI_TELEMETRY_DISABLED: 'true' } });

const readRepositoryManifest = () => JSON.parse(fs.readFileSync(fs.existsSync(savedPath) ? savedPath : manifestPath, 'utf8'));

const packageManifest = (repository) => {
  const { exports: _sourceExports, devDependencies: _dev, scripts, ...rest } = repository;
  return {
    ...rest,
    exports: PACKAGE_EXPORTS,
    // TypeScript projects on "moduleResolution": "node" do not read exports.
    typesVersions: { '*': { contracts: ['./dist/shared/contracts/index.d.ts'] } },
    // A consumer installs the package: only the scripts that make the package are kept.
    scripts: { prepack: scripts.prepack, postpack: scripts.postpack },
  };
};

const writeManifest = (manifest) => fs.writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);

const restore = () => {
  if (!fs.existsSync(savedPath)) return;
  fs.copyFileSync(savedPath, manifestPath);
  fs.rmSync(savedPath);
};

const build = () => {
  const repository = readRepositoryManifest();
  if (!fs.existsSync(savedPath)) fs.copyFileSync(manifestPath, savedPath);
  try {
    fs.rmSync(path.join(pluginDir, 'dist'), { recursive: true, force: true });
    const { './contracts': _contracts, ...bundled } = PACKAGE_EXPORTS;
    // strapi-plugin build bundles every export of the manifest: the admin and the server.
    writeManifest({ ...packageManifest(repository), exports: bundled });
    run(bin('strapi-plugin'), ['build', '--silent']);
    // The contracts are types (and the few values beside them): tsc, so their declarations keep their imports.
    run(bin('tsc'), ['-p', 'shared/tsconfig.build.json']);
    writeManifest(packageManifest(repository));
    run(bin('strapi-plugin'), ['verify', '--silent']);
  } catch (error) {
    restore();
    throw error;
  }
};

const step = process.argv[2];
if (step === 'build') {
  try {
    build();
  } finally {
    restore();
  }
} else if (step === 'prepack') {
  build();
} else if (step === 'postpack') {
  restore();
} else {
  console.error('usage: node scripts/package.mjs build|prepack|postpack');
  process.exit(2);
}
