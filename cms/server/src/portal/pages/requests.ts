import { errors } from '@strapi/utils';
import type { RequestView } from '../../../../shared/contracts/members';
import type { RequestRecord } from '../../services/members/requests';
import { getService } from '../../utils/get-service';
import { facingFor, memberOf, type MemberFacingError, type PortalRequest } from '../context';
import type { PortalRoute } from '../router';
import { programOr404, STAFF_MATCHED } from '../program-data';

const text = (form: Record<string, unknown>, name: string, max: number) => (typeof form[name] === 'string' ? (form[name] as string).trim().slice(0, max) : '');
const profileId = (value: unknown) => (typeof value === 'string' && /^[a-zA-Z0-9]{1,64}$/.test(value) ? value : null);

/** The request and the member's side of it; anyone else gets a 404 (as the members' API answers). */
const load = async (request: PortalRequest): Promise<{ record: RequestRecord; side: 'sender' | 'addressee' }> => {
  const id = profileId(request.ctx.params.id);
  const record = id ? await getService(request.strapi, 'requests').findOne(id) : null;
  const member = memberOf(request);
  if (record?.sender.user?.id === member.id) return { record, side: 'sender' };
  if (record?.addressee?.user?.id === member.id) return { record, side: 'addressee' };
  throw new errors.NotFoundError('No such request');
};

/**
 * The reason a request moved on, as the member reads it: a mentor's own words as written; the plugin's own
 * (a mentor who became unavailable, "… has no place left") in the portal's words on other pages than English.
 */
const reasonOf = (request: PortalRequest, view: RequestView): string | null => {
  if (!view.reason || request.locale === 'en') return view.reason;
  const byPlugin = (view.history ?? []).some((event) => event.event === 'unavailable' && event.note === view.reason);
  return byPlugin ? request.t('request.reason.unavailable') : view.reason;
};

const describe = (request: PortalRequest, view: RequestView, programName: string) => ({
  ...view,
  reason: reasonOf(request, view),
  programName,
  kindName: request.t(`request.kind.${view.kind}`),
  statusName: request.t(`request.status.${view.status}`),
  open: view.status === 'open',
  choices: view.choices?.map((choice, index) => ({ ...choice, position: index + 1, current: index === view.currentChoice })) ?? null,
  mentorshipUrl: view.mentorshipDocumentId ? `${request.base}/mentorships/${view.mentorshipDocumentId}` : null,
});

const askState = async (request: PortalRequest, problem?: MemberFacingError) => {
  const program = await programOr404(request.strapi, request.ctx.params.slug);
  if (STAFF_MATCHED.includes(program.style)) throw new errors.NotFoundError('Members do not send requests in this program');
  const member = memberOf(request);
  const mentee = await getService(request.strapi, 'enrollment').profileOf(member.id, program.id, 'mentee');
  const ranked = (program.rankedChoices ?? 0) > 0;
  const search = await getService(request.strapi, 'directory-search').search(program, { availability: 'available', page: 1, pageSize: 500 }, member);
  const mentors = search.data.map((listing) => ({ documentId: listing.profileDocumentId, displayName: listing.displayName, careerPath: listing.careerPath }));
  const picked = (Array.isArray(request.form.choices) ? request.form.choices : request.form.choices ? [request.form.choices] : []).map(String);
  const first = profileId(request.ctx.query.mentor) ?? profileId(request.form.to);
  const slots = Array.from({ length: ranked ? (program.rankedChoices ?? 0) : 0 }, (_, index) => {
    const selected = picked[index] ?? (index === 0 ? first : null) ?? '';
    return { position: index + 1, id: `choice-${index + 1}`, options: mentors.map((mentor) => ({ ...mentor, selected: mentor.documentId === selected })) };
  });
  const to = first ? mentors.find((mentor) => mentor.documentId === first) ?? null : null;
  const defaultKind = program.style === 'open-directory' ? 'discovery-call' : 'mentoring';
  const kind = request.form.kind === 'discovery-call' || request.form.kind === 'mentoring' ? request.form.kind : defaultKind;
  request.render(
    'ask',
    {
      title: request.t('ask.title', { program: program.name }),
      program: { name: program.name, slug: program.slug, rankedChoices: program.rankedChoices ?? 0, days: program.requestResponseDays ?? 14 },
      ranked,
      slots,
      to,
      mentee: mentee ? { status: mentee.profileStatus, active: ['approved', 'listed'].includes(mentee.profileStatus), documentId: mentee.documentId } : null,
      kinds: ['discovery-call', 'mentoring'].map((value) => ({ value, label: request.t(`request.kind.${value}`), help: request.t(`request.kind.${value}.help`), checked: value === kind })),
      message: text(request.form, 'message', 4000),
      problem,
    },
    problem?.status ?? 200,
  );
};

const askForm = (request: PortalRequest) => askState(request);

const ask = async (request: PortalRequest) => {
  const program = await programOr404(request.strapi, request.ctx.params.slug);
  const choices = (Array.isArray(request.form.choices) ? request.form.choices : request.form.choices ? [request.form.choices] : []).map(String).filter(Boolean);
  const to = profileId(request.form.to);
  const kind = request.form.kind === 'discovery-call' || request.form.kind === 'mentoring' ? request.form.kind : undefined;
  try {
    const ranked = (program.rankedChoices ?? 0) > 0;
    const created = await getService(request.strapi, 'requests').create(memberOf(request), program, {
      ...(ranked ? { choices: choices.map((choice) => profileId(choice) ?? '-') } : to ? { to } : {}),
      message: text(request.form, 'message', 4000),
      ...(kind && !ranked ? { kind } : {}),
    });
    request.redirect(`${request.base}/requests#request-${created.documentId}`, { kind: 'success', key: 'ask.sent', vars: { name: created.addressee?.displayName ?? '' } });
  } catch (error) {
    const facing = facingFor(request, error, { message: request.t('ask.message') });
    if (!facing || facing.status === 404) throw error;
    await askState(request, facing);
  }
};

const lists = async (request: PortalRequest, side: 'sender' | 'addressee') => {
  const member = memberOf(request);
  const ids = (await getService(request.strapi, 'enrollment').profilesOf(member.id)).map((profile) => profile.id);
  if (ids.length === 0) return [];
  const service = getService(request.strapi, 'requests');
  const records = await service.findMany(side === 'sender' ? { sender: { id: { $in: ids } } } : { addressee: { id: { $in: ids } } });
  return Promise.all(records.map(async (record) => describe(request, await service.view(record, side === 'sender'), record.program.name)));
};

const sent = async (request: PortalRequest) => {
  const items = await lists(request, 'sender');
  request.render('requests', { title: request.t('requests.title'), asSender: true, open: items.filter((item) => item.open), closed: items.filter((item) => !item.open) });
};

const inbox = async (request: PortalRequest) => {
  const items = await lists(request, 'addressee');
  request.render('inbox', { title: request.t('inbox.title'), asSender: false, open: items.filter((item) => item.open), closed: items.filter((item) => !item.open) });
};

const withdraw = async (request: PortalRequest) => {
  const { record, side } = await load(request);
  if (side !== 'sender') throw new errors.NotFoundError('No such request');
  await getService(request.strapi, 'requests').withdraw(record);
  request.redirect(`${request.base}/requests`, { kind: 'success', key: 'requests.withdrawn' });
};

const accept = async (request: PortalRequest) => {
  const { record, side } = await load(request);
  if (side !== 'addressee') throw new errors.NotFoundError('No such request');
  const { mentorship } = await getService(request.strapi, 'requests').accept(record, memberOf(request));
  // A discovery call starts no mentorship: the inbox shows the contact details for the call.
  if (!mentorship) request.redirect(`${request.base}/inbox#request-${record.documentId}`, { kind: 'success', key: 'inbox.callAccepted' });
  else request.redirect(`${request.base}/mentorships/${mentorship.documentId}`, { kind: 'success', key: 'inbox.accepted' });
};

const decline = async (request: PortalRequest) => {
  const { record, side } = await load(request);
  if (side !== 'addressee') throw new errors.NotFoundError('No such request');
  await getService(request.strapi, 'requests').decline(record, text(request.form, 'reason', 2000) || null);
  request.redirect(`${request.base}/inbox`, { kind: 'success', key: 'inbox.declined' });
};

export const requestRoutes: PortalRoute[] = [
  { method: 'GET', path: '/programs/:slug/ask', handler: askForm, signedIn: true },
  { method: 'POST', path: '/programs/:slug/ask', handler: ask, signedIn: true },
  { method: 'GET', path: '/requests', handler: sent, signedIn: true },
  { method: 'GET', path: '/inbox', handler: inbox, signedIn: true },
  { method: 'POST', path: '/requests/:id/withdraw', handler: withdraw, signedIn: true },
  { method: 'POST', path: '/requests/:id/accept', handler: accept, signedIn: true },
  { method: 'POST', path: '/requests/:id/decline', handler: decline, signedIn: true },
];
