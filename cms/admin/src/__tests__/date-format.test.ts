import fs from 'fs';
import path from 'path';

const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });

/** Ways of turning a date into text other than the shared formatter (components/format.ts). */
const OWN_FORMATS = /\.toLocale(Date|Time)?String\(|\.toUTCString\(|\bformatDate\(\s*new Date|Intl\.DateTimeFormat|<FormattedDate/;

describe('dates on the plugin\'s admin pages', () => {
  it('when a page shows a date, then it goes through the one shared formatter', () => {
    const root = path.join(__dirname, '..');
    const offenders = sources(root)
      .filter((file) => !file.endsWith(path.join('components', 'format.ts')))
      .flatMap((file) =>
        fs
          .readFileSync(file, 'utf8')
          .split('\n')
          .map((line, index) => ({ line, where: `${path.relative(root, file)}:${index + 1}` }))
          .filter(({ line }) => OWN_FORMATS.test(line))
          .map(({ where, line }) => `${where}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
