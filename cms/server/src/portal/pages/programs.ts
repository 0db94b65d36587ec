import { errors } from '@strapi/utils';
import type { Role } from '../../../../shared/vocabulary';
import type { ProgramRecord } from '../../services/content/programs';
import { getService } from '../../utils/get-service';
import type { PortalRequest } from '../context';
import type { PortalRoute } from '../router';
import { membershipRefused } from './mentees';
import { placesLeft, programOr404, STAFF_MATCHED, summaryOf } from '../program-data';

/** The signed-in member's open items, so the home page says what is waiting for them. */
const dashboard = async (request: PortalRequest) => {
  if (!request.member) return null;
  const profiles = await getService(request.strapi, 'enrollment').profilesOf(request.member.id);
  const ids = profiles.map((profile) => profile.id);
  const requests = ids.length ? await getService(request.strapi, 'requests').findMany({ requestStatus: 'open', $or: [{ sender: { id: { $in: ids } } }, { addressee: { id: { $in: ids } } }] }) : [];
  const mentorships = await getService(request.strapi, 'mentorship-lifecycle').forMember(request.member.id);
  return {
    profiles: profiles.length,
    inbox: requests.filter((item) => item.addressee && ids.includes(item.addressee.id)).length,
    sent: requests.filter((item) => ids.includes(item.sender.id)).length,
    mentorships: mentorships.filter((item) => item.mentorshipStatus === 'active' || item.mentorshipStatus === 'pending-agreement').length,
  };
};

const byAudience = <T extends { audience: string }>(items: T[], audience: string) => items.filter((item) => item.audience === audience);

/** The programs the association runs. */
export const listPrograms = async (request: PortalRequest) => {
  const programs = await getService(request.strapi, 'programs').findVisible();
  request.render('programs', {
    title: request.t('programs.title'),
    mine: await dashboard(request),
    programs: programs.map((program) => ({ ...summaryOf(request.strapi, program), styleName: request.t(`style.${program.style}.name`) })),
  });
};

/** What the member has in a program: their profiles, and what they can do next. */
const myPart = async (request: PortalRequest, program: ProgramRecord) => {
  if (!request.member) return null;
  const profiles = (await getService(request.strapi, 'enrollment').profilesOf(request.member.id)).filter((profile) => profile.program.id === program.id);
  const of = (role: Role) => profiles.find((profile) => profile.role === role) ?? null;
  return {
    // The mentee directory, as the members' API opens it: listed mentors of a program where mentors approach.
    mayApproach: Boolean(program.mentorMayApproach) && of('mentor')?.profileStatus === 'listed' && !(await membershipRefused(request, request.member)),
    mentor: of('mentor') ? { documentId: of('mentor')!.documentId, status: of('mentor')!.profileStatus } : null,
    mentee: of('mentee') ? { documentId: of('mentee')!.documentId, status: of('mentee')!.profileStatus } : null,
  };
};

/** A program's page: its guide, how it works for its style, dates and places left, and the member's part. */
const detail = async (request: PortalRequest) => {
  const program = await programOr404(request.strapi, request.ctx.params.slug);
  const detail = await getService(request.strapi, 'programs').detail(program, request.locale);
  const places = await placesLeft(request.strapi, program);
  const mine = await myPart(request, program);
  const guide = detail.guide;
  request.render('program', {
    title: program.name,
    program: {
      ...summaryOf(request.strapi, program),
      styleName: request.t(`style.${program.style}.name`),
      howItWorks: request.t(`style.${program.style}.how`, { choices: program.rankedChoices ?? 0, days: program.requestResponseDays ?? 14 }),
      staffMatched: STAFF_MATCHED.includes(program.style),
      rankedChoices: program.rankedChoices ?? 0,
      requestResponseDays: program.requestResponseDays ?? null,
      relationshipMonths: program.relationshipMonths ?? null,
      renewalAllowed: Boolean(program.renewalAllowed),
      engagementHoursPerMonth: program.engagementHoursPerMonth === null || program.engagementHoursPerMonth === undefined ? null : Number(program.engagementHoursPerMonth),
      agreementRequired: Boolean(program.agreementRequired),
      approvalMentor: Boolean(program.mentorApprovalRequired),
      approvalMentee: Boolean(program.menteeApprovalRequired),
      directoryPublic: program.directoryVisibility === 'public',
      contactEmail: program.contactEmail ?? null,
    },
    places,
    eligibility: detail.eligibility,
    faq: [
      { audience: 'mentee', heading: request.t('guide.faq.mentee'), items: byAudience(guide.faq, 'mentee') },
      { audience: 'mentor', heading: request.t('guide.faq.mentor'), items: byAudience(guide.faq, 'mentor') },
      { audience: 'both', heading: request.t('guide.faq.both'), items: byAudience(guide.faq, 'both') },
    ].filter((group) => group.items.length > 0),
    resources: guide.resources.map((resource) => ({ ...resource, kindName: request.t(`resource.${resource.kind}`), audienceName: request.t(`audience.${resource.audience}`) })),
    pages: guide.pages,
    guideLocale: guide.locale,
    mine,
  });
};

/** One of the program's own pages (localized like the rest of the guide). */
const guidePage = async (request: PortalRequest) => {
  const program = await programOr404(request.strapi, request.ctx.params.slug);
  const guide = await getService(request.strapi, 'programs').guide(program.documentId, request.locale);
  const found = guide.pages.find((page) => page.slug === request.ctx.params.page);
  if (!found) throw new errors.NotFoundError('No such page');
  request.render('guide-page', { title: found.title, program: { name: program.name, slug: program.slug }, guidePage: found });
};

export const programRoutes: PortalRoute[] = [
  { method: 'GET', path: '/programs', handler: listPrograms },
  { method: 'GET', path: '/programs/:slug', handler: detail },
  { method: 'GET', path: '/programs/:slug/pages/:page', handler: guidePage },
];
