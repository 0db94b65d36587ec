import type { Core } from '@strapi/strapi';
import { EMAIL_CATALOG } from '../../../../shared/email-catalog';
import { STYLE_DEFAULTS, type StyleDefaults } from '../../../../shared/program-styles';
import type { ProgramStyle } from '../../../../shared/vocabulary';
import { addDays, addMonths, isoDay } from '../../utils/dates';
import { UID } from '../../utils/uids';

const DAY = 24 * 60 * 60 * 1000;

export const slugOf = (name: string): string =>
  name
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 80) || 'program';

/** A cohort's dates after applications close on `closes` (see `StyleDefaults.term`). */
export const termAfter = (closes: Date, term: NonNullable<StyleDefaults['term']>) => {
  const kickoffOn = isoDay(addDays(closes, term.kickoffDaysAfterClose));
  return {
    matchAnnouncedBy: isoDay(addDays(closes, term.announceDaysAfterClose)),
    kickoffOn,
    termEndsOn: isoDay(addDays(new Date(`${addMonths(kickoffOn, term.months)}T00:00:00Z`), -1)),
  };
};

/**
 * "New program from a style": a draft program with the style's defaults, both profile types with
 * starter questions, guide placeholders and its own copy of every e-mail template, in one
 * transaction (all of it or none), ready for editors to change.
 */
const programStyles = ({ strapi }: { strapi: Core.Strapi }) => ({
  async freeSlug(name: string): Promise<string> {
    const base = slugOf(name);
    for (let attempt = 1; ; attempt += 1) {
      const slug = attempt === 1 ? base : `${base}-${attempt}`;
      if ((await strapi.db.query(UID.program).count({ where: { slug } })) === 0) return slug;
    }
  },

  async createFromStyle(input: { name: string; style: ProgramStyle }, now: Date): Promise<{ documentId: string; slug: string }> {
    const defaults = STYLE_DEFAULTS[input.style];
    const slug = await this.freeSlug(input.name);
    const window = defaults.program.alwaysOpen === false ? { enrollmentOpensAt: new Date(now.getTime() + 7 * DAY).toISOString(), enrollmentClosesAt: new Date(now.getTime() + 37 * DAY).toISOString() } : {};
    const term = defaults.term ? termAfter(new Date(now.getTime() + 37 * DAY), defaults.term) : {};
    return strapi.db.transaction(async () => {
      const program = (await strapi.documents(UID.program).create({
        data: {
          name: input.name,
          slug,
          style: input.style,
          programStatus: 'draft',
          directoryVisibility: 'members',
          description: defaults.summary,
          ...defaults.program,
          ...window,
          ...term,
          // the style's rules and criteria read its starter questions (a unit test keeps them in step)
          ...{ eligibilityRules: defaults.eligibilityRules, matchingCriteria: defaults.matchingCriteria },
        },
      }));
      for (const [role, fields] of [['mentor', defaults.mentorQuestions], ['mentee', defaults.menteeQuestions]] as const) {
        await strapi.documents(UID.profileType).create({
          data: { name: `${input.name}: ${role} profile`, role, program: program.documentId, introduction: null, fields },
        });
      }
      for (const [index, entry] of defaults.faq.entries()) {
        const faq = { ...entry, order: index + 1, program: program.documentId };
        await strapi.documents(UID.faqEntry).create({ data: faq });
      }
      await strapi.documents(UID.programPage).create({
        data: { title: defaults.page.title, body: defaults.page.body, slug: `${slug}-${slugOf(defaults.page.title)}`, audience: 'both', order: 1, program: program.documentId },
      });
      for (const entry of EMAIL_CATALOG) {
        const global = await strapi.documents(UID.emailTemplate).findFirst({ filters: { key: entry.key, program: { id: { $null: true } } } });
        const text = (value: unknown, fallback: string) => (typeof value === 'string' ? value : fallback);
        await strapi.documents(UID.emailTemplate).create({
          data: {
            key: entry.key,
            subject: text(global?.subject, entry.subject),
            html: text(global?.html, entry.html),
            text: text(global?.text, entry.text),
            program: program.documentId,
          },
        });
      }
      return { documentId: program.documentId, slug };
    });
  },
});

export type ProgramStylesService = ReturnType<typeof programStyles>;
export default programStyles;
