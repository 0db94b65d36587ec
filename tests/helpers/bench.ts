import fs from 'fs';
import path from 'path';
import type { ProgramStyle } from '../../cms/shared/vocabulary';
import { createProgram, startJourneyApp } from './journeys';
import { startMatcher } from './matcher';

/** The p-th percentile of the values (nearest rank). */
export const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
};

/** Writes a benchmark's report to tests/artifacts/<name>.md and prints it. */
export const writeReport = (name: string, lines: string[]) => {
  const report = lines.join('\n');
  fs.mkdirSync(path.join(__dirname, '..', 'artifacts'), { recursive: true });
  fs.writeFileSync(path.join(__dirname, '..', 'artifacts', `${name}.md`), `${report}\n`);
  process.stdout.write(`\n${report}\n`);
};

/** The host app on a fresh database, the matcher in this process, and one program of a style with its numeric id. */
export const startBenchProgram = async (style: ProgramStyle) => {
  const matcher = await startMatcher(process.env.MATCHER_TOKEN);
  process.env.MATCHER_URL = matcher.url;
  const app = await startJourneyApp();
  app.strapi.config.set('plugin::mentorship.matcherUrl', matcher.url);
  const program = await createProgram(app.strapi, style);
  const programId = ((await app.strapi.db.query('plugin::mentorship.program').findOne({ where: { documentId: program.documentId } })) as { id: number }).id;
  return { app, matcher, program, programId };
};
