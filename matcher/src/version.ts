import fs from 'node:fs';
import path from 'node:path';

/**
 * The matcher's package version, read at run time from the nearest package.json named
 * mentorship-matcher, so src/, dist/ and the benchmark build all report the same.
 */
function readVersion(): string {
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const manifest = JSON.parse(fs.readFileSync(file, 'utf8')) as { name?: string; version?: string };
      if (manifest.name === 'mentorship-matcher' && manifest.version) return manifest.version;
    }
    if (path.dirname(dir) === dir) return '0.0.0';
  }
}

export const packageVersion: string = readVersion();
