import type { Core } from '@strapi/strapi';
import { optionsOf, profileFieldsSchema, type ProfileField } from '../../../../shared/profile-fields';
import { eligibilityRulesSchema, type EligibilityRule } from '../../../../shared/eligibility';
import { matchingCriteriaSchema, type MatchingCriterion } from '../../../../shared/matching-criteria';
import { VISIBLE_PROGRAM_STATUSES, type Audience, type ProgramStatus, type ProgramStyle, type Role } from '../../../../shared/vocabulary';
import type { FaqView, PageView, ProfileTypeView, ProgramDetail, ProgramSummary, ResourceView } from '../../../../shared/contracts/programs';
import { UID } from '../../utils/uids';

/** A program row as stored (the fields this plugin reads). */
export interface ProgramRecord {
  id: number;
  documentId: string;
  name: string;
  slug: string;
  style: ProgramStyle;
  programStatus: ProgramStatus;
  description?: string | null;
  alwaysOpen?: boolean | null;
  enrollmentOpensAt?: string | null;
  enrollmentClosesAt?: string | null;
  matchAnnouncedBy?: string | null;
  /** a cohort's term: every mentorship of the program runs from the kick-off to the term's end (YYYY-MM-DD) */
  kickoffOn?: string | null;
  termEndsOn?: string | null;
  mentorSeats?: number | null;
  menteeSeats?: number | null;
  relationshipMonths?: number | null;
  renewalAllowed?: boolean | null;
  engagementHoursPerMonth?: number | string | null;
  requestResponseDays?: number | null;
  rankedChoices?: number | null;
  agreementRequired?: boolean | null;
  agreement?: string | null;
  mentorApprovalRequired?: boolean | null;
  menteeApprovalRequired?: boolean | null;
  mentorMayApproach?: boolean | null;
  shareRequesterContact?: boolean | null;
  maxOpenRequests?: number | null;
  eligibilityRules?: unknown;
  matchingCriteria?: unknown;
  minimumMatchScore?: number | string | null;
  defaultMentorCapacity?: number | null;
  directoryVisibility?: 'public' | 'members';
  contactEmail?: string | null;
}

interface GuideRecord {
  documentId: string;
  locale?: string | null;
  audience: Audience;
  order?: number | null;
  program?: { documentId: string } | null;
}

const toNumber = (value: number | string | null | undefined): number | null =>
  value === null || value === undefined || value === '' ? null : Number(value);

const dayOrNull = (value: string | null | undefined): string | null => (value ? String(value).slice(0, 10) : null);

/** Rules and criteria are stored as JSON; they were validated on save, a broken one reads as none. */
export const eligibilityRulesOf = (program: Pick<ProgramRecord, 'eligibilityRules'>): EligibilityRule[] => {
  const parsed = eligibilityRulesSchema.safeParse(program.eligibilityRules ?? []);
  return parsed.success ? parsed.data : [];
};

export const matchingCriteriaOf = (program: Pick<ProgramRecord, 'matchingCriteria'>): MatchingCriterion[] => {
  const parsed = matchingCriteriaSchema.safeParse(program.matchingCriteria ?? []);
  return parsed.success ? parsed.data : [];
};

export const profileFieldsOf = (fields: unknown): ProfileField[] => {
  const parsed = profileFieldsSchema.safeParse(fields ?? []);
  return parsed.success ? parsed.data : [];
};

export const enrollmentOpen = (program: ProgramRecord, now: Date = new Date()): boolean => {
  if (program.programStatus !== 'open') return false;
  if (program.alwaysOpen !== false) return true;
  const opens = program.enrollmentOpensAt ? new Date(program.enrollmentOpensAt) : null;
  const closes = program.enrollmentClosesAt ? new Date(program.enrollmentClosesAt) : null;
  return (!opens || opens <= now) && (!closes || now <= closes);
};

export const toSummary = (program: ProgramRecord, now: Date = new Date()): ProgramSummary => ({
  documentId: program.documentId,
  name: program.name,
  slug: program.slug,
  style: program.style,
  status: program.programStatus,
  description: program.description ?? null,
  enrollment: {
    alwaysOpen: program.alwaysOpen !== false,
    opensAt: program.enrollmentOpensAt ?? null,
    closesAt: program.enrollmentClosesAt ?? null,
    openNow: enrollmentOpen(program, now),
  },
  seats: { mentor: program.mentorSeats ?? null, mentee: program.menteeSeats ?? null },
  relationshipMonths: program.relationshipMonths ?? null,
  term: { pairsAnnouncedBy: dayOrNull(program.matchAnnouncedBy), kickoff: dayOrNull(program.kickoffOn), end: dayOrNull(program.termEndsOn) },
  renewalAllowed: Boolean(program.renewalAllowed),
  engagementHoursPerMonth: toNumber(program.engagementHoursPerMonth),
  requestResponseDays: program.requestResponseDays ?? null,
  rankedChoices: program.rankedChoices ?? 0,
  agreementRequired: Boolean(program.agreementRequired),
  approvalRequired: { mentor: Boolean(program.mentorApprovalRequired), mentee: Boolean(program.menteeApprovalRequired) },
  mentorMayApproach: Boolean(program.mentorMayApproach),
  shareRequesterContact: Boolean(program.shareRequesterContact),
  directoryVisibility: program.directoryVisibility ?? 'members',
  contactEmail: program.contactEmail ?? null,
});

/**
 * Guide content for a program in a locale: the program's own entries and the global ones, each
 * in the requested locale when translated, otherwise in the default locale.
 */
const localized = async <T extends GuideRecord>(
  strapi: Core.Strapi,
  uid: typeof UID.faqEntry | typeof UID.resource | typeof UID.programPage,
  programDocumentId: string,
  locale: string,
  defaultLocale: string,
  includeGlobal: boolean,
): Promise<(T & { global: boolean })[]> => {
  const filters = includeGlobal
    ? { $or: [{ program: { documentId: programDocumentId } }, { program: { id: { $null: true } } }] }
    : { program: { documentId: programDocumentId } };
  const fetch = async (code: string) =>
    (await strapi.documents(uid).findMany({ filters, locale: code, populate: ['program'], limit: 500 })) as unknown as T[];
  const primary = await fetch(locale);
  const byId = new Map(primary.map((item) => [item.documentId, item]));
  if (locale !== defaultLocale) {
    for (const item of await fetch(defaultLocale)) if (!byId.has(item.documentId)) byId.set(item.documentId, item);
  }
  return [...byId.values()]
    .map((item) => ({ ...item, global: !item.program }))
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0) || a.documentId.localeCompare(b.documentId));
};

const programs = ({ strapi }: { strapi: Core.Strapi }) => ({
  async findVisible(): Promise<ProgramRecord[]> {
    return (await strapi.documents(UID.program).findMany({
      filters: { programStatus: { $in: [...VISIBLE_PROGRAM_STATUSES] } },
      sort: ['name:asc'],
      limit: 500,
    })) as unknown as ProgramRecord[];
  },

  async findBySlug(slug: string): Promise<ProgramRecord | null> {
    return (await strapi.documents(UID.program).findFirst({ filters: { slug } })) as unknown as ProgramRecord | null;
  },

  async findVisibleBySlug(slug: string): Promise<ProgramRecord | null> {
    const program = await this.findBySlug(slug);
    return program && VISIBLE_PROGRAM_STATUSES.includes(program.programStatus) ? program : null;
  },

  async profileTypes(programDocumentId: string): Promise<ProfileTypeView[]> {
    const rows = (await strapi.documents(UID.profileType).findMany({
      filters: { program: { documentId: programDocumentId } },
      sort: ['role:asc'],
    })) as unknown as { role: Role; name: string; introduction?: string | null; fields: unknown }[];
    return rows.map((row) => ({ role: row.role, name: row.name, introduction: row.introduction ?? null, fields: profileFieldsOf(row.fields).map((field) => ({ ...field, options: optionsOf(field) })) }));
  },

  async guide(programDocumentId: string, requestedLocale?: string): Promise<ProgramDetail['guide']> {
    const localeService = strapi.plugin('i18n').service('locales');
    const defaultLocale: string = (await localeService.getDefaultLocale()) ?? 'en';
    const known: { code: string }[] = await localeService.find();
    const locale = requestedLocale && known.some((entry) => entry.code === requestedLocale) ? requestedLocale : defaultLocale;

    type Faq = GuideRecord & { question: string; answer: string };
    type Resource = GuideRecord & { title: string; summary?: string | null; kind: ResourceView['kind']; url?: string | null; file?: { url: string } | null };
    type Page = GuideRecord & { title: string; slug: string; body?: string | null };

    const [faq, resources, pages] = await Promise.all([
      localized<Faq>(strapi, UID.faqEntry, programDocumentId, locale, defaultLocale, true),
      localized<Resource>(strapi, UID.resource, programDocumentId, locale, defaultLocale, true),
      localized<Page>(strapi, UID.programPage, programDocumentId, locale, defaultLocale, false),
    ]);
    return {
      locale,
      faq: faq.map((item): FaqView => ({
        documentId: item.documentId,
        question: item.question,
        answer: item.answer,
        audience: item.audience,
        order: item.order ?? 0,
        global: item.global,
      })),
      resources: resources.map((item): ResourceView => ({
        documentId: item.documentId,
        title: item.title,
        summary: item.summary ?? null,
        kind: item.kind,
        url: item.url ?? item.file?.url ?? null,
        audience: item.audience,
      })),
      pages: pages.map((item): PageView => ({ documentId: item.documentId, title: item.title, slug: item.slug, body: item.body ?? null, audience: item.audience })),
    };
  },

  async detail(program: ProgramRecord, locale?: string): Promise<ProgramDetail> {
    const [profileTypes, guide] = await Promise.all([this.profileTypes(program.documentId), this.guide(program.documentId, locale)]);
    return {
      ...toSummary(program),
      agreement: program.agreement ?? null,
      eligibility: eligibilityRulesOf(program).map((rule) => ({ field: rule.field, role: rule.role, message: rule.message })),
      profileTypes,
      guide,
    };
  },
});

export type ProgramsService = ReturnType<typeof programs>;
export default programs;
