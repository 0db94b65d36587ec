import fs from 'fs';
import path from 'path';

/** The package exports `contracts/index.ts` alone: a contract file missing from it is missing for websites. */
describe('the contracts index', () => {
  it('when a contract file exists, then the index re-exports it', () => {
    const folder = path.join(__dirname, '..', 'contracts');
    const index = fs.readFileSync(path.join(folder, 'index.ts'), 'utf8');
    const modules = fs
      .readdirSync(folder)
      .filter((file) => file.endsWith('.ts') && file !== 'index.ts' && !file.endsWith('.test.ts'))
      .map((file) => `./${file.replace(/\.ts$/, '')}`);
    expect(modules.length).toBeGreaterThan(0);
    for (const module of modules) expect(index).toContain(`from '${module}'`);
  });
});
