import { execFileSync } from 'child_process';
import crypto from 'crypto';
import fs from 'fs';
import path from 'path';
import { fixtureDir, pluginDir, repoDir, workspaceFile, type InstallWorkspace } from './workspace';

/**
 * Once per run: `npm pack` of the plugin (its prepack builds it with @strapi/sdk-plugin), the fixture app
 * copied to .tmp/install-app, and the tarball installed into that app's node_modules.
 *
 * The app's node_modules is the repository's, hard-linked (`cp -al`, about 4 s, kept between runs while
 * package-lock.json is unchanged) without the workspace links, so the app resolves every package from its
 * own tree as after `npm install`, and the run downloads and compiles nothing. The tarball is unpacked
 * where npm puts a tarball dependency (node_modules/<name>); the tests check that everything the compiled
 * plugin imports is a declared dependency or peer dependency.
 */
export default async function globalSetup() {
  process.env.STRAPI_TELEMETRY_DISABLED = 'true';
  const root = path.join(repoDir, '.tmp', `install-${Date.now().toString(36)}`);
  fs.mkdirSync(root, { recursive: true });

  const started = Date.now();
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', root], {
    cwd: pluginDir,
    encoding: 'utf8',
    env: { ...process.env, npm_config_loglevel: 'error' },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const packSeconds = Math.round((Date.now() - started) / 100) / 10;
  // prepack's tools print to stdout before npm's JSON: the JSON is the last top-level array.
  const json = output.slice(output.lastIndexOf('\n[') + 1);
  const [pack] = JSON.parse(json) as (InstallWorkspace['pack'] & { filename: string })[];
  if (!pack) throw new Error(`npm pack printed no result:\n${output}`);
  const tarball = path.join(root, pack.filename);

  const appDir = path.join(repoDir, '.tmp', 'install-app');
  const modules = path.join(appDir, 'node_modules');
  const lockKey = crypto.createHash('sha256').update(fs.readFileSync(path.join(repoDir, 'package-lock.json'))).digest('hex');
  const keyFile = path.join(modules, '.install-test-key');
  if (!fs.existsSync(keyFile) || fs.readFileSync(keyFile, 'utf8') !== lockKey) {
    fs.rmSync(appDir, { recursive: true, force: true });
    fs.mkdirSync(appDir, { recursive: true });
    execFileSync('cp', ['-al', path.join(repoDir, 'node_modules'), modules]);
    fs.writeFileSync(keyFile, lockKey);
  }
  // The app is the fixture as committed, with nothing left from an earlier run but its node_modules.
  for (const entry of fs.readdirSync(appDir)) if (entry !== 'node_modules') fs.rmSync(path.join(appDir, entry), { recursive: true, force: true });
  fs.cpSync(fixtureDir, appDir, { recursive: true });
  // The fixture names the tarball by a relative path, as an association's package.json would.
  fs.copyFileSync(tarball, path.join(repoDir, '.tmp', 'strapi-plugin-mentorship-0.1.0.tgz'));
  // This repository's workspace links are not part of an association's app.
  for (const name of ['strapi-plugin-mentorship', 'mentorship-matcher']) fs.rmSync(path.join(modules, name), { recursive: true, force: true });
  const installed = path.join(modules, 'strapi-plugin-mentorship');
  fs.mkdirSync(installed, { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '-C', installed, '--strip-components=1']);
  fs.mkdirSync(path.join(appDir, '.tmp'), { recursive: true });

  const workspace: InstallWorkspace = {
    root,
    appDir,
    tarball,
    packSeconds,
    pack: { size: pack.size, unpackedSize: pack.unpackedSize, entryCount: pack.entryCount, files: pack.files },
  };
  fs.writeFileSync(workspaceFile, JSON.stringify(workspace, null, 2));
  process.stdout.write(`\nPlugin packed in ${packSeconds} s: ${(pack.size / 1024).toFixed(0)} kB, ${pack.entryCount} files\n`);
}
