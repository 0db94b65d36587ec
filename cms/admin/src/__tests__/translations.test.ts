import fs from 'fs';
import path from 'path';
import en from '../translations/en.json';

/** Every message the staff pages ask for by a literal id is in translations/en.json, with the same wording. */
const sources = (dir: string): string[] =>
  fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === '__tests__' ? [] : sources(full);
    return /\.tsx?$/.test(entry.name) ? [full] : [];
  });

const CALL = /\bt\(\s*'([^'`]+)',\s*'((?:\\'|[^'])*)'/g;

describe('admin translations', () => {
  const messages = en as Record<string, string>;
  const calls = sources(path.join(__dirname, '..')).flatMap((file) =>
    [...fs.readFileSync(file, 'utf8').matchAll(CALL)].map((match) => ({ file: path.basename(file), id: match[1]!, text: match[2]!.replace(/\\'/g, "'") })),
  );

  it('when the pages are read, then they use many message ids', () => {
    expect(calls.length).toBeGreaterThan(150);
  });

  it('when a page asks for a message, then en.json has it with the same default wording', () => {
    const missing = calls.filter((call) => messages[call.id] !== call.text).map((call) => `${call.file}: ${call.id} (${JSON.stringify(call.text)} vs ${JSON.stringify(messages[call.id])})`);
    expect(missing).toEqual([]);
  });
});
