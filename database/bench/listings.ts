import crypto from 'crypto';
import type { Core } from '@strapi/strapi';
import { optionsOf, publicAnswers, REGIONS, type Answers, type ProfileField } from '../../cms/shared/profile-fields';
import { searchTextOf } from '../../cms/server/src/services/members/directory-search';
import { profileFieldsOf } from '../../cms/server/src/services/content/programs';
import { Random } from '../demo/random';

/**
 * Listed mentors in bulk for benchmarks: `count` mentor profiles of one program with their directory
 * listings, answering the program's own mentor questions, written with multi-row inserts through knex
 * (about 1,000 rows a statement) instead of one document at a time, then indexed for the directory in
 * one pass. Deterministic for a seed. The profiles have no member account: they are found, not signed in.
 */

export const FIRST = ['Ada', 'Bruno', 'Chiara', 'Dmitri', 'Elif', 'Farah', 'Goran', 'Hana', 'Ines', 'Jonas', 'Kemal', 'Lena', 'Mateo', 'Nadia', 'Omar', 'Priya', 'Quentin', 'Rosa', 'Sven', 'Tariq', 'Ulla', 'Vera', 'Wen', 'Yusuf', 'Zofia'];
export const LAST = ['Abara', 'Berg', 'Costa', 'Dvorak', 'Eriksen', 'Fischer', 'Garcia', 'Haddad', 'Ivanova', 'Jensen', 'Kowalski', 'Larsen', 'Moreau', 'Nakamura', 'Okafor', 'Petrov', 'Quist', 'Rossi', 'Santos', 'Tanaka', 'Usman', 'Varga', 'Weber', 'Xu', 'Yilmaz'];
/** Words the generated bios and text answers draw from (a benchmark searches for them). */
export const BENCH_WORDS = [
  'clinical', 'pharmacy', 'oncology', 'research', 'teaching', 'leadership', 'hospital', 'community', 'cardiology', 'pediatrics', 'informatics', 'regulatory',
  'quality', 'safety', 'management', 'policy', 'trials', 'industry', 'academia', 'public', 'health', 'infectious', 'disease', 'critical', 'care', 'ambulatory',
  'careers', 'mentoring', 'writing', 'grants', 'statistics', 'epidemiology', 'nutrition', 'surgery', 'nursing', 'education', 'digital', 'innovation',
];
export const CAREERS = ['Hospital pharmacist', 'Clinical researcher', 'Community pharmacy owner', 'Regulatory affairs lead', 'University lecturer', 'Industry medical advisor', 'Public health officer', 'Informatics specialist'];

export interface GenerateListingsOptions {
  /** the program's numeric id */
  programId: number;
  count: number;
  seed?: number;
  /** prefix of the display names, so a benchmark can tell its mentors from others */
  namePrefix?: string;
}

const COUNTRIES = ['DE', 'FR', 'IT', 'ES', 'NL', 'BE', 'AT', 'CH', 'PL', 'SE', 'DK', 'IE', 'PT', 'GB', 'US', 'CA', 'BR', 'IN', 'JP', 'NG', 'KE', 'ZA', 'EG', 'AU'];
const LANGUAGES = ['en', 'en', 'en', 'fr', 'de', 'es', 'it', 'pt', 'nl', 'pl', 'sv', 'ja', 'hi', 'sw'];

export const documentId = () => crypto.randomBytes(12).toString('hex').slice(0, 24);

export const answerFor = (field: ProfileField, random: Random): Answers[string] | undefined => {
  const options = optionsOf(field)?.map((option) => option.value);
  switch (field.kind) {
    case 'single-choice':
      return options?.length ? random.pick(options) : undefined;
    case 'multiple-choice':
      return options?.length ? random.sample(options, random.int(1, Math.min(3, options.length))) : undefined;
    case 'region':
      return random.pick(options?.length ? options : [...REGIONS]);
    case 'country':
      return random.pick(COUNTRIES);
    case 'languages':
      return random.sample(LANGUAGES, random.int(1, 3)).filter((value, at, list) => list.indexOf(value) === at);
    case 'number':
      return random.int(field.min ?? 1, Math.min(field.max ?? 40, 40));
    case 'year':
      return random.int(1970, 2020);
    case 'text':
      return random.sample(BENCH_WORDS, 2).join(' ');
    case 'long-text':
      return random.sample(BENCH_WORDS, 8).join(' ');
    default:
      return undefined;
  }
};

type Meta = ReturnType<Core.Strapi['db']['metadata']['get']>;
type Attribute = { columnName?: string; joinTable?: { name: string; joinColumn: { name: string }; inverseJoinColumn: { name: string }; orderColumnName?: string; inverseOrderColumnName?: string } };
export const columnOf = (meta: Meta) => (name: string) => (meta.attributes as Record<string, Attribute>)[name]?.columnName ?? name;
export const joinOf = (meta: Meta, name: string) => {
  const joinTable = (meta.attributes as Record<string, Attribute>)[name]?.joinTable;
  if (!joinTable) throw new Error(`${meta.uid}.${name} has no join table`);
  return joinTable;
};
export const linkRow = (join: ReturnType<typeof joinOf>, from: number, to: number) => ({
  [join.joinColumn.name]: from,
  [join.inverseJoinColumn.name]: to,
  ...(join.orderColumnName ? { [join.orderColumnName]: 1 } : {}),
  ...(join.inverseOrderColumnName ? { [join.inverseOrderColumnName]: 1 } : {}),
});
/** Inserted ids as knex returns them: numbers on SQLite, `{ id }` rows on PostgreSQL. */
export const insertedIds = (rows: ({ id: number } | number)[]) => rows.map((row) => (typeof row === 'number' ? row : Number(row.id)));

/** Inserts the listed mentors and returns the new listings' ids. */
export const generateListings = async (strapi: Core.Strapi, options: GenerateListingsOptions): Promise<number[]> => {
  const random = new Random(options.seed ?? 1);
  const profileMeta = strapi.db.metadata.get('plugin::mentorship.profile');
  const listingMeta = strapi.db.metadata.get('plugin::mentorship.directory-listing');
  const p = columnOf(profileMeta);
  const l = columnOf(listingMeta);

  const profileType = (await strapi.db.query('plugin::mentorship.profile-type').findOne({ where: { program: options.programId, role: 'mentor' } })) as { fields?: unknown } | null;
  const fields = profileFieldsOf(profileType?.fields);
  const now = new Date();
  const listingIds: number[] = [];
  const prefix = options.namePrefix ?? 'Bench';

  // SQLite writes a multi-row insert as one compound SELECT, which it caps at 500 rows.
  const chunk = strapi.db.dialect.client === 'sqlite' ? 400 : 1000;
  for (let start = 0; start < options.count; start += chunk) {
    const size = Math.min(chunk, options.count - start);
    const people = Array.from({ length: size }, (_, offset) => {
      const index = start + offset;
      const answers: Answers = {};
      for (const field of fields) {
        if (!field.required && random.next() < 0.15) continue;
        const value = answerFor(field, random);
        if (value !== undefined) answers[field.key] = value;
      }
      const capacity = random.int(1, 3);
      const active = random.weighted([[0, 6], [1, 3], [capacity, 1]] as const);
      const availability = random.weighted([['available', 8], ['away', 1], ['full', 1]] as const);
      return {
        displayName: `${prefix} ${random.pick(FIRST)} ${random.pick(LAST)} ${index}`,
        careerPath: random.pick(CAREERS),
        bio: `${random.sample(BENCH_WORDS, 6).join(' ')}.`,
        answers,
        capacity,
        active: Math.min(active, capacity),
        availability: active >= capacity && availability === 'available' ? 'full' : availability,
      };
    });

    await strapi.db.transaction(async ({ trx }) => {
      const profiles = (await trx(profileMeta.tableName)
        .insert(
          people.map((person) => ({
            document_id: documentId(),
            [p('role')]: 'mentor',
            [p('displayName')]: person.displayName,
            [p('answers')]: JSON.stringify(person.answers),
            [p('profileStatus')]: 'listed',
            [p('availability')]: person.availability,
            [p('awayUntil')]: person.availability === 'away' ? '2027-03-01' : null,
            [p('capacity')]: person.capacity,
            [p('bio')]: person.bio,
            [p('careerPath')]: person.careerPath,
            created_at: now,
            updated_at: now,
            published_at: now,
          })),
        )
        .returning('id')) as ({ id: number } | number)[];
      const profileIds = insertedIds(profiles);
      await trx(joinOf(profileMeta, 'program').name).insert(profileIds.map((id) => linkRow(joinOf(profileMeta, 'program'), id, options.programId)));

      const listings = (await trx(listingMeta.tableName)
        .insert(
          people.map((person) => {
            const shown = publicAnswers(fields, person.answers);
            return {
              document_id: documentId(),
              [l('displayName')]: person.displayName,
              [l('careerPath')]: person.careerPath,
              [l('bio')]: person.bio,
              [l('publicAnswers')]: JSON.stringify(shown),
              [l('searchText')]: searchTextOf(person, fields, shown),
              [l('availability')]: person.availability,
              [l('awayUntil')]: person.availability === 'away' ? '2027-03-01' : null,
              [l('capacity')]: person.capacity,
              [l('activeMentorships')]: person.active,
              [l('listed')]: true,
              [l('hidden')]: false,
              [l('featured')]: random.next() < 0.02,
              [l('listedAt')]: now,
              created_at: now,
              updated_at: now,
              published_at: now,
            };
          }),
        )
        .returning('id')) as ({ id: number } | number)[];
      const ids = insertedIds(listings);
      await trx(joinOf(listingMeta, 'program').name).insert(ids.map((id) => linkRow(joinOf(listingMeta, 'program'), id, options.programId)));
      await trx(joinOf(listingMeta, 'profile').name).insert(ids.map((id, at) => linkRow(joinOf(listingMeta, 'profile'), id, profileIds[at]!)));
      listingIds.push(...ids);
    });
  }
  // The inserts bypass Strapi's query engine (and so its lifecycles): index them in one pass.
  await strapi.plugin('mentorship').service('directory-index').reindex(listingIds);
  return listingIds;
};
