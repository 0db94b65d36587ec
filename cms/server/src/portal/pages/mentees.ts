import { errors } from '@strapi/utils';
import type { ProgramRecord } from '../../services/content/programs';
import type { OwnedProfile } from '../../services/members/enrollment';
import type { MemberAccount } from '../../services/members/membership';
import { getService } from '../../utils/get-service';
import type { Member } from '../../utils/parse';
import { UID } from '../../utils/uids';
import { facingFor, memberOf, type MemberFacingError, type PortalRequest } from '../context';
import { directoryPageUrl, directoryQuery, facetsView, knownFilters, PAGE_SIZE } from '../directory-view';
import type { PortalRoute } from '../router';
import { answerLines, fieldsOf, programOr404 } from '../program-data';


/** Whether the association's member rule refuses this account members-only pages (as the members' API does). */
export const membershipRefused = async (request: PortalRequest, member: Member): Promise<boolean> => {
  const account = (await request.strapi.db.query(UID.user).findOne({ where: { id: member.id }, select: ['email', 'confirmed', 'blocked'] })) as MemberAccount | null;
  return !account || getService(request.strapi, 'membership').refusalOf(account) !== null;
};

const profileId = (value: unknown) => (typeof value === 'string' && /^[a-zA-Z0-9]{1,64}$/.test(value) ? value : null);

/**
 * The program and the member's listed mentor profile, when the program lets mentors approach mentees.
 * Anyone else is answered as if the page did not exist (the members' API refuses them too), so the
 * portal does not tell a mentee or a stranger that a mentee directory is there.
 */
const mentorOf = async (request: PortalRequest): Promise<{ program: ProgramRecord; mentor: OwnedProfile }> => {
  const program = await programOr404(request.strapi, request.ctx.params.slug);
  const member = memberOf(request);
  if (!program.mentorMayApproach) throw new errors.NotFoundError('No mentee directory in this program');
  if (await membershipRefused(request, member)) throw new errors.NotFoundError('No mentee directory for this member');
  const mentor = await getService(request.strapi, 'enrollment').profileOf(member.id, program.id, 'mentor');
  if (!mentor || mentor.profileStatus !== 'listed') throw new errors.NotFoundError('Only listed mentors see the mentees');
  return { program, mentor };
};

const search = async (request: PortalRequest) => {
  const { program, mentor } = await mentorOf(request);
  const query = directoryQuery.parse(request.ctx.query);
  const allFields = await fieldsOf(request.strapi, program, 'mentee');
  const searchable = allFields.filter((field) => field.public && field.searchable);
  const filters = knownFilters(query, searchable);
  const result = await getService(request.strapi, 'directory-search').searchMentees(
    program,
    { q: query.q || undefined, availability: query.availability, sort: query.sort, filters, page: query.page, pageSize: PAGE_SIZE },
    mentor,
  );
  const facets = facetsView(result.meta.facets, searchable, filters);
  const pageUrl = directoryPageUrl(`${request.base}/programs/${program.slug}/mentees`, query, filters);
  const publicFields = allFields.filter((field) => field.public);
  request.render('mentees', {
    title: request.t('mentees.title', { program: program.name }),
    program: { name: program.name, slug: program.slug },
    query: { q: query.q ?? '', availability: query.availability ?? 'any', sort: query.sort ?? '' },
    availability: result.meta.facets.availability?.values ?? [],
    facets,
    mentees: result.data.map((entry) => ({
      ...entry,
      lines: answerLines(publicFields, entry.answers).slice(0, 4),
      reasons: (entry.match?.reasons ?? []).filter((reason) => reason.contribution > 0).slice(0, 3),
      matchPercent: entry.match ? Math.round(entry.match.score * 100) : null,
      eligible: entry.match ? entry.match.eligible : null,
      url: `${request.base}/programs/${program.slug}/mentees/${entry.documentId}`,
    })),
    meta: result.meta,
    sortedByMatch: result.meta.sort === 'match',
    matcherUnavailable: result.meta.matcher === 'unavailable',
    previous: result.meta.page > 1 ? pageUrl(result.meta.page - 1) : null,
    next: result.meta.page < result.meta.pageCount ? pageUrl(result.meta.page + 1) : null,
  });
};

const renderMentee = async (request: PortalRequest, problem?: MemberFacingError, message = '') => {
  const { program } = await mentorOf(request);
  const id = profileId(request.ctx.params.id);
  const found = id ? await getService(request.strapi, 'directory-search').mentee(program, id) : null;
  if (!found) throw new errors.NotFoundError('No such mentee');
  const fields = (await fieldsOf(request.strapi, program, 'mentee')).filter((field) => field.public);
  request.render(
    'mentee',
    {
      title: found.displayName,
      program: { name: program.name, slug: program.slug, days: program.requestResponseDays ?? 14 },
      mentee: { ...found, lines: answerLines(fields, found.answers), paired: found.placesLeft === 0 },
      message,
      problem,
    },
    problem?.status ?? 200,
  );
};

const menteePage = (request: PortalRequest) => renderMentee(request);

/** The approach: a request from the mentor to this mentee, with the mentor's message. */
const approach = async (request: PortalRequest) => {
  const { program } = await mentorOf(request);
  const to = profileId(request.ctx.params.id);
  const message = typeof request.form.message === 'string' ? request.form.message.trim().slice(0, 4000) : '';
  if (!to) throw new errors.NotFoundError('No such mentee');
  try {
    const created = await getService(request.strapi, 'requests').create(memberOf(request), program, { to, message });
    request.redirect(`${request.base}/requests#request-${created.documentId}`, { kind: 'success', key: 'ask.sent', vars: { name: created.addressee?.displayName ?? '' } });
  } catch (error) {
    const facing = facingFor(request, error, { message: request.t('ask.message') });
    if (!facing || facing.status === 404) throw error;
    await renderMentee(request, facing, message);
  }
};

export const menteeRoutes: PortalRoute[] = [
  { method: 'GET', path: '/programs/:slug/mentees', handler: search, signedIn: true },
  { method: 'GET', path: '/programs/:slug/mentees/:id', handler: menteePage, signedIn: true },
  { method: 'POST', path: '/programs/:slug/mentees/:id/approach', handler: approach, signedIn: true },
];
