import fs from 'fs';
import { readWorkspace, workspaceFile } from './workspace';

export default async function globalTeardown() {
  if (!fs.existsSync(workspaceFile)) return;
  const { root } = readWorkspace();
  if (process.env.KEEP_INSTALL !== 'true') fs.rmSync(root, { recursive: true, force: true });
  fs.rmSync(workspaceFile, { force: true });
}
