import { errors } from '@strapi/utils';
import type { MentorshipPlan, MentorshipView } from '../../../../shared/contracts/members';
import type { Role } from '../../../../shared/vocabulary';
import type { MentorshipRecord } from '../../services/members/mentorships';
import { RENEWAL_WINDOW_DAYS } from '../../services/members/mentorship-lifecycle';
import { daysBetween, isoDay } from '../../utils/dates';
import { getService } from '../../utils/get-service';
import { facingFor, portalInputError, memberOf, type MemberFacingError, type PortalRequest } from '../context';
import type { PortalRoute } from '../router';

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const text = (value: unknown, max: number) => (typeof value === 'string' ? value.trim().slice(0, max) : '');
const rows = (value: unknown): Record<string, unknown>[] =>
  (Array.isArray(value) ? value : value && typeof value === 'object' ? Object.values(value) : []).filter((row): row is Record<string, unknown> => Boolean(row) && typeof row === 'object');

/** The mentorship and the member's role in it; anyone outside the pair gets a 404. */
const load = async (request: PortalRequest): Promise<{ record: MentorshipRecord; role: Role }> => {
  const id = String(request.ctx.params.id ?? '');
  const record = /^[a-zA-Z0-9]{1,64}$/.test(id) ? await getService(request.strapi, 'mentorships').findOne(id) : null;
  const role = record ? getService(request.strapi, 'mentorship-lifecycle').roleOf(record, memberOf(request).id) : null;
  if (!record || !role) throw new errors.NotFoundError('No such mentorship');
  return { record, role };
};

const describe = (request: PortalRequest, view: MentorshipView) => {
  const partner = view.myRole === 'mentor' ? view.mentee : view.mentor;
  const today = isoDay(getService(request.strapi, 'clock').now());
  const minimum = view.engagement.minimumHoursPerMonth;
  const mine = view.myRole === 'mentor' ? view.agreement.mentorAgreedAt : view.agreement.menteeAgreedAt;
  const myRenewal = view.myRole === 'mentor' ? view.renewal.mentorAgreedAt : view.renewal.menteeAgreedAt;
  const daysLeft = view.endDate ? daysBetween(today, view.endDate) : null;
  return {
    ...view,
    partner,
    statusName: request.t(`mentorship.status.${view.status}`),
    live: view.status === 'active' || view.status === 'pending-agreement',
    active: view.status === 'active',
    pendingAgreement: view.status === 'pending-agreement',
    iAgreed: Boolean(mine),
    progress: minimum ? { max: minimum, value: Math.min(view.engagement.thisMonthHours, minimum), percent: Math.min(100, Math.round((view.engagement.thisMonthHours / minimum) * 100)) } : null,
    renewalDue: view.renewal.allowed && view.status === 'active' && daysLeft !== null && daysLeft <= RENEWAL_WINDOW_DAYS,
    iRenewed: Boolean(myRenewal),
    objectiveRows: [...view.plan.objectives, { title: '', targetDate: null, done: false }, { title: '', targetDate: null, done: false }].map((objective, index) => ({ ...objective, index })),
    timelineRows: [...view.plan.timeline, { date: '', label: '' }].map((item, index) => ({ ...item, index })),
    checkIns: [...view.checkIns].reverse().map((item) => ({ ...item, mine: item.loggedBy === (view.myRole === 'mentor' ? view.mentor.documentId : view.mentee.documentId) })),
    today,
  };
};

const list = async (request: PortalRequest) => {
  const lifecycle = getService(request.strapi, 'mentorship-lifecycle');
  const member = memberOf(request);
  const records = await lifecycle.forMember(member.id);
  const views = await Promise.all(records.map(async (record) => describe(request, await lifecycle.view(record, lifecycle.roleOf(record, member.id) ?? 'mentee'))));
  request.render('mentorships', { title: request.t('mentorships.title'), mentorships: views });
};

const renderDetail = async (request: PortalRequest, record: MentorshipRecord, role: Role, problem?: MemberFacingError) => {
  const view = await getService(request.strapi, 'mentorship-lifecycle').view(record, role);
  request.render('mentorship', { title: request.t('mentorship.title', { name: (role === 'mentor' ? view.mentee : view.mentor).displayName }), mentorship: describe(request, view), problem }, problem?.status ?? 200);
};

const detail = async (request: PortalRequest) => {
  const { record, role } = await load(request);
  await renderDetail(request, record, role);
};

/** Runs one change; a rule it breaks is shown on the mentorship page rather than an error page. */
const change = (run: (request: PortalRequest, record: MentorshipRecord, role: Role) => Promise<string>) => async (request: PortalRequest) => {
  const { record, role } = await load(request);
  try {
    const done = await run(request, record, role);
    request.redirect(`${request.base}/mentorships/${record.documentId}`, { kind: 'success', key: done });
  } catch (error) {
    const facing = facingFor(request, error);
    if (!facing || facing.status === 404) throw error;
    const fresh = (await getService(request.strapi, 'mentorships').findOne(record.documentId)) ?? record;
    await renderDetail(request, fresh, role, facing);
  }
};

const agree = change(async (request, record, role) => {
  await getService(request.strapi, 'mentorship-lifecycle').agree(record, role);
  return 'mentorship.agreed';
});

const plan = change(async (request, record) => {
  const objectives = rows(request.form.objectives)
    .map((row) => ({ title: text(row.title, 300), targetDate: DAY.test(text(row.targetDate, 10)) ? text(row.targetDate, 10) : null, done: row.done === 'on' || row.done === 'true' }))
    .filter((row) => row.title !== '');
  const timeline = rows(request.form.timeline)
    .map((row) => ({ date: text(row.date, 10), label: text(row.label, 300) }))
    .filter((row) => row.label !== '' || row.date !== '');
  const bad = timeline.findIndex((row) => !DAY.test(row.date) || row.label === '');
  if (bad !== -1) throw portalInputError(request.t('plan.timelineInvalid', { row: bad + 1 }));
  const next: MentorshipPlan = { objectives: objectives.slice(0, 50), timeline: timeline.slice(0, 100) };
  await getService(request.strapi, 'mentorship-lifecycle').setPlan(record, next);
  return 'plan.saved';
});

const checkIn = change(async (request, record, role) => {
  const date = text(request.form.date, 10);
  const minutes = Number(request.form.minutes);
  if (!DAY.test(date)) throw portalInputError(request.t('checkIn.dateInvalid'));
  if (!Number.isInteger(minutes) || minutes < 1 || minutes > 1440) throw portalInputError(request.t('checkIn.minutesInvalid'));
  await getService(request.strapi, 'mentorship-lifecycle').addCheckIn(record, role, { date, minutes, note: text(request.form.note, 4000) || null });
  return 'checkIn.saved';
});

const renew = change(async (request, record, role) => {
  await getService(request.strapi, 'mentorship-lifecycle').renew(record, role);
  return 'renewal.saved';
});

const end = change(async (request, record) => {
  const reason = text(request.form.reason, 2000);
  if (!reason) throw portalInputError(request.t('end.reasonRequired'));
  await getService(request.strapi, 'mentorships').end(record.documentId, { reason, by: `member:${memberOf(request).documentId}` });
  return 'end.done';
});

export const mentorshipRoutes: PortalRoute[] = [
  { method: 'GET', path: '/mentorships', handler: list, signedIn: true },
  { method: 'GET', path: '/mentorships/:id', handler: detail, signedIn: true },
  { method: 'POST', path: '/mentorships/:id/agree', handler: agree, signedIn: true },
  { method: 'POST', path: '/mentorships/:id/plan', handler: plan, signedIn: true },
  { method: 'POST', path: '/mentorships/:id/check-ins', handler: checkIn, signedIn: true },
  { method: 'POST', path: '/mentorships/:id/renew', handler: renew, signedIn: true },
  { method: 'POST', path: '/mentorships/:id/end', handler: end, signedIn: true },
];
