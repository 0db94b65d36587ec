import fs from 'node:fs';
import path from 'node:path';

/** The matcher's package version, read at run time so src/ and dist/ report the same. */
export const packageVersion: string = (
  JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8')) as { version: string }
).version;
