import fs from 'fs';
import path from 'path';

export const repoDir = path.resolve(__dirname, '..', '..');
export const pluginDir = path.join(repoDir, 'cms');
export const fixtureDir = path.join(__dirname, 'fixture-app');

/** What global setup packed and where it installed it, shared with the test files through a file. */
export interface InstallWorkspace {
  root: string;
  appDir: string;
  tarball: string;
  packSeconds: number;
  pack: { size: number; unpackedSize: number; entryCount: number; files: { path: string; size: number }[] };
}

export const workspaceFile = path.join(repoDir, '.tmp', 'install-workspace.json');

export const readWorkspace = (): InstallWorkspace => {
  if (!fs.existsSync(workspaceFile)) throw new Error('No packed plugin: run the tests through tests/install/jest.config.js (its global setup packs and installs it)');
  return JSON.parse(fs.readFileSync(workspaceFile, 'utf8')) as InstallWorkspace;
};
