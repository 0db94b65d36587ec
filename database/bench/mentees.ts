import type { Core } from '@strapi/strapi';
import type { Answers } from '../../cms/shared/profile-fields';
import { profileFieldsOf } from '../../cms/server/src/services/content/programs';
import { Random } from '../demo/random';
import { answerFor, BENCH_WORDS, CAREERS, columnOf, documentId, FIRST, insertedIds, joinOf, LAST, linkRow } from './listings';

/**
 * Accepted mentees in bulk for benchmarks and tests of the mentee directory: `count` mentee profiles
 * of one program, approved or listed, answering the program's own mentee questions (private ones too:
 * the directory must not show them), written with multi-row inserts through knex, then indexed for the
 * mentee directory in one pass. Deterministic for a seed. No member accounts: they are found, not signed in.
 */

export interface GenerateMenteesOptions {
  /** the program's numeric id */
  programId: number;
  count: number;
  seed?: number;
  /** prefix of the display names, so a benchmark can tell its mentees from others */
  namePrefix?: string;
}

/** Inserts the mentees and returns their profile ids. */
export const generateMentees = async (strapi: Core.Strapi, options: GenerateMenteesOptions): Promise<number[]> => {
  const random = new Random(options.seed ?? 1);
  const profileMeta = strapi.db.metadata.get('plugin::mentorship.profile');
  const p = columnOf(profileMeta);
  const program = joinOf(profileMeta, 'program');
  const profileType = (await strapi.db.query('plugin::mentorship.profile-type').findOne({ where: { program: options.programId, role: 'mentee' } })) as { fields?: unknown } | null;
  const fields = profileFieldsOf(profileType?.fields);
  const now = new Date();
  const prefix = options.namePrefix ?? 'Bench';
  const ids: number[] = [];

  // SQLite writes a multi-row insert as one compound SELECT, which it caps at 500 rows.
  const chunk = strapi.db.dialect.client === 'sqlite' ? 400 : 1000;
  for (let start = 0; start < options.count; start += chunk) {
    const size = Math.min(chunk, options.count - start);
    const rows = Array.from({ length: size }, (_, offset) => {
      const answers: Answers = {};
      for (const field of fields) {
        if (!field.required && random.next() < 0.15) continue;
        const value = answerFor(field, random);
        if (value !== undefined) answers[field.key] = value;
      }
      return {
        document_id: documentId(),
        [p('role')]: 'mentee',
        [p('displayName')]: `${prefix} ${random.pick(FIRST)} ${random.pick(LAST)} ${start + offset}`,
        [p('answers')]: JSON.stringify(answers),
        [p('profileStatus')]: random.next() < 0.8 ? 'approved' : 'listed',
        [p('availability')]: 'available',
        [p('capacity')]: 1,
        [p('bio')]: `${random.sample(BENCH_WORDS, 6).join(' ')}.`,
        [p('careerPath')]: random.pick(CAREERS),
        created_at: now,
        updated_at: now,
        published_at: now,
      };
    });
    await strapi.db.transaction(async ({ trx }) => {
      const inserted = insertedIds((await trx(profileMeta.tableName).insert(rows).returning('id')) as ({ id: number } | number)[]);
      await trx(program.name).insert(inserted.map((id) => linkRow(program, id, options.programId)));
      ids.push(...inserted);
    });
  }
  // The inserts bypass Strapi's query engine (and so its lifecycles): index them in one pass.
  await strapi.plugin('mentorship').service('directory-index').reindex(ids, 'mentees');
  return ids;
};
