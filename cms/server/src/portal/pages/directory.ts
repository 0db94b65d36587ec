import { errors } from '@strapi/utils';
import type { ProgramRecord } from '../../services/content/programs';
import { getService } from '../../utils/get-service';
import type { PortalRequest } from '../context';
import { directoryPageUrl, directoryQuery, facetsView, knownFilters, PAGE_SIZE } from '../directory-view';
import type { PortalRoute } from '../router';
import { answerLines, fieldsOf, programOr404, STAFF_MATCHED } from '../program-data';


/** Members-only directories send a signed-out visitor to sign in (as the API answers 401). */
const programForDirectory = async (request: PortalRequest): Promise<ProgramRecord | null> => {
  const program = await programOr404(request.strapi, request.ctx.params.slug);
  if (program.directoryVisibility !== 'public' && !request.member) {
    request.redirect(`${request.base}/sign-in?next=${encodeURIComponent(request.ctx.path)}`);
    return null;
  }
  return program;
};

/** What the member may do from a mentor's card: ask, as the program's style allows. */
const askingAs = async (request: PortalRequest, program: ProgramRecord) => {
  if (!request.member || STAFF_MATCHED.includes(program.style)) return null;
  const mentee = await getService(request.strapi, 'enrollment').profileOf(request.member.id, program.id, 'mentee');
  return mentee && ['approved', 'listed'].includes(mentee.profileStatus) ? mentee : null;
};

const search = async (request: PortalRequest) => {
  const program = await programForDirectory(request);
  if (!program) return;
  const query = directoryQuery.parse(request.ctx.query);
  const fields = await getService(request.strapi, 'directory-search').facetFields(program);
  const filters = knownFilters(query, fields);
  const result = await getService(request.strapi, 'directory-search').search(
    program,
    { q: query.q || undefined, availability: query.availability, sort: query.sort, filters, page: query.page, pageSize: PAGE_SIZE },
    request.member,
  );
  const allFields = await fieldsOf(request.strapi, program, 'mentor');
  const facets = facetsView(result.meta.facets, fields, filters);
  const pageUrl = directoryPageUrl(`${request.base}/programs/${program.slug}/mentors`, query, filters);
  const mentee = await askingAs(request, program);
  request.render('directory', {
    title: request.t('directory.title', { program: program.name }),
    program: { name: program.name, slug: program.slug, ranked: (program.rankedChoices ?? 0) > 0 },
    query: { q: query.q ?? '', availability: query.availability ?? 'any', sort: query.sort ?? '' },
    availability: result.meta.facets.availability?.values ?? [],
    facets,
    mentors: result.data.map((listing) => ({
      ...listing,
      lines: answerLines(allFields, listing.answers).slice(0, 4),
      reasons: (listing.match?.reasons ?? []).filter((reason) => reason.contribution > 0).slice(0, 3),
      matchPercent: listing.match ? Math.round(listing.match.score * 100) : null,
      eligible: listing.match ? listing.match.eligible : null,
      url: `${request.base}/programs/${program.slug}/mentors/${listing.documentId}`,
    })),
    meta: result.meta,
    sortedByMatch: result.meta.sort === 'match',
    matcherUnavailable: result.meta.matcher === 'unavailable',
    canAsk: Boolean(mentee),
    previous: result.meta.page > 1 ? pageUrl(result.meta.page - 1) : null,
    next: result.meta.page < result.meta.pageCount ? pageUrl(result.meta.page + 1) : null,
  });
};

const listing = async (request: PortalRequest) => {
  const program = await programForDirectory(request);
  if (!program) return;
  const id = String(request.ctx.params.id ?? '');
  const found = /^[a-zA-Z0-9]{1,64}$/.test(id) ? await getService(request.strapi, 'directory-search').listing(program, id) : null;
  if (!found) throw new errors.NotFoundError('No such listing');
  const fields = await fieldsOf(request.strapi, program, 'mentor');
  const mentee = await askingAs(request, program);
  request.render('mentor', {
    title: found.displayName,
    program: { name: program.name, slug: program.slug, ranked: (program.rankedChoices ?? 0) > 0, style: program.style },
    mentor: { ...found, lines: answerLines(fields, found.answers) },
    canAsk: Boolean(mentee),
    signedOut: !request.member,
    staffMatched: STAFF_MATCHED.includes(program.style),
  });
};

export const directoryRoutes: PortalRoute[] = [
  { method: 'GET', path: '/programs/:slug/mentors', handler: search },
  { method: 'GET', path: '/programs/:slug/mentors/:id', handler: listing },
];
