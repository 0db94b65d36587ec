import { errors } from '@strapi/utils';
import type { Answers } from '../../../../shared/profile-fields';
import type { Role } from '../../../../shared/vocabulary';
import type { OwnedProfile } from '../../services/members/enrollment';
import { getService } from '../../utils/get-service';
import { facingFor, memberOf, portalInputError, type MemberFacingError, type PortalRequest } from '../context';
import type { PortalRoute } from '../router';
import { reasonsInLocale } from '../service-messages';
import { answersFromForm, fieldsOf, formFields, programOr404 } from '../program-data';
import { eligibilityRulesOf } from '../../services/content/programs';

const text = (form: Record<string, unknown>, name: string, max: number) => (typeof form[name] === 'string' ? (form[name] as string).trim().slice(0, max) : '');
const roleParam = (value: unknown): Role => {
  if (value === 'mentor' || value === 'mentee') return value;
  throw new errors.NotFoundError('No such role');
};

/** The member's own profile, or a 404 for anyone else's (the page does not say it exists). */
const ownProfile = async (request: PortalRequest): Promise<OwnedProfile> => {
  const id = String(request.ctx.params.id ?? '');
  const profile = /^[a-zA-Z0-9]{1,64}$/.test(id) ? await getService(request.strapi, 'enrollment').findOwned(id) : null;
  if (!profile || profile.user?.id !== memberOf(request).id) throw new errors.NotFoundError('No such profile');
  return profile;
};

interface FormState {
  displayName: string;
  careerPath: string;
  bio: string;
  capacity: string;
  answers: Answers;
}

const renderEnroll = async (request: PortalRequest, slug: unknown, role: Role, state: FormState, problem?: MemberFacingError) => {
  const program = await programOr404(request.strapi, slug);
  const types = await getService(request.strapi, 'programs').profileTypes(program.documentId);
  const type = types.find((candidate) => candidate.role === role);
  if (!type) throw new errors.NotFoundError('No such profile type');
  request.render(
    'enroll',
    {
      title: request.t(`enroll.title.${role}`, { program: program.name }),
      program: { name: program.name, slug: program.slug },
      role,
      isMentor: role === 'mentor',
      introduction: type.introduction,
      approval: role === 'mentor' ? Boolean(program.mentorApprovalRequired) : Boolean(program.menteeApprovalRequired),
      rules: eligibilityRulesOf(program).filter((rule) => rule.role === role || !rule.role),
      state,
      fields: formFields(type.fields, state.answers, problem?.problems ?? []),
      problem,
      eligibilityUrl: `${request.base}/programs/${program.slug}/eligibility/${role}`,
    },
    problem?.status ?? 200,
  );
};

const blankState = (request: PortalRequest): FormState => ({ displayName: request.member?.username ?? '', careerPath: '', bio: '', capacity: '', answers: {} });

const enrollForm = async (request: PortalRequest) => {
  const role = roleParam(request.ctx.params.role);
  const program = await programOr404(request.strapi, request.ctx.params.slug);
  const existing = await getService(request.strapi, 'enrollment').profileOf(memberOf(request).id, program.id, role);
  if (existing) return request.redirect(`${request.base}/profiles/${existing.documentId}`);
  await renderEnroll(request, request.ctx.params.slug, role, blankState(request));
};

/** The form's fields by key, as the page names them (for problems in the member's language). */
const labelsOf = (request: PortalRequest, fields: Awaited<ReturnType<typeof fieldsOf>>): Record<string, string> => ({
  ...Object.fromEntries(fields.map((field) => [field.key, field.label])),
  displayName: request.t('enroll.displayName'),
  careerPath: request.t('enroll.careerPath'),
  bio: request.t('enroll.bio'),
  capacity: request.t('profile.capacity'),
  awayUntil: request.t('profile.awayUntil'),
});

const stateFromForm = async (request: PortalRequest, fields: Awaited<ReturnType<typeof fieldsOf>>): Promise<FormState> => ({
  displayName: text(request.form, 'displayName', 120),
  careerPath: text(request.form, 'careerPath', 300),
  bio: text(request.form, 'bio', 2000),
  capacity: text(request.form, 'capacity', 3),
  answers: answersFromForm(fields, request.form.answers),
});

const enroll = async (request: PortalRequest) => {
  const role = roleParam(request.ctx.params.role);
  const program = await programOr404(request.strapi, request.ctx.params.slug);
  const fields = await fieldsOf(request.strapi, program, role);
  const state = await stateFromForm(request, fields);
  const draft = request.form.intent === 'draft';
  if (!state.displayName) {
    return renderEnroll(request, program.slug, role, state, { status: 400, message: request.t('enroll.nameRequired'), problems: [{ field: 'displayName', message: request.t('enroll.nameRequired') }], reasons: [] });
  }
  try {
    const capacity = Number(state.capacity);
    const profile = await getService(request.strapi, 'enrollment').create(memberOf(request).id, program, {
      role,
      displayName: state.displayName,
      answers: state.answers,
      bio: state.bio || null,
      careerPath: state.careerPath || null,
      ...(role === 'mentor' && state.capacity && Number.isInteger(capacity) && capacity >= 1 && capacity <= 50 ? { capacity } : {}),
      draft,
    });
    request.redirect(`${request.base}/profiles/${profile.documentId}`, { kind: 'success', key: draft ? 'enroll.saved' : 'enroll.submitted' });
  } catch (error) {
    const facing = facingFor(request, error, labelsOf(request, fields));
    if (!facing || facing.status === 404) throw error;
    await renderEnroll(request, program.slug, role, state, facing);
  }
};

/** Live feedback while the form is filled in: every reason the answers would not be admitted now. */
const eligibility = async (request: PortalRequest) => {
  const role = roleParam(request.ctx.params.role);
  const program = await programOr404(request.strapi, request.ctx.params.slug);
  const fields = await fieldsOf(request.strapi, program, role);
  const body = request.form as { answers?: unknown };
  const answers = answersFromForm(fields, body.answers);
  const problems = await getService(request.strapi, 'enrollment').admissionProblems(program, role, answers);
  request.ctx.type = 'application/json';
  request.ctx.body = { problems: reasonsInLocale(problems, request.locale, request.t) };
};

const viewOf = (request: PortalRequest, profile: OwnedProfile) => ({
  documentId: profile.documentId,
  role: profile.role,
  isMentor: profile.role === 'mentor',
  status: profile.profileStatus,
  statusName: request.t(`status.${profile.profileStatus}`),
  statusHelp: request.t(`status.${profile.profileStatus}.help`),
  program: { name: profile.program.name, slug: profile.program.slug },
  displayName: profile.displayName,
  availability: profile.availability,
  awayUntil: profile.awayUntil ?? '',
  capacity: profile.capacity ?? '',
  rejectionReason: profile.rejectionReason ?? null,
  reconfirmBy: profile.role === 'mentor' ? (profile.listing?.reconfirmBy ?? null) : null,
  canSubmit: ['draft', 'withdrawn', 'rejected'].includes(profile.profileStatus),
  canPause: profile.role === 'mentor' && profile.profileStatus === 'listed',
  canRelist: profile.role === 'mentor' && profile.profileStatus === 'paused',
  canReconfirm: profile.role === 'mentor' && ['listed', 'paused'].includes(profile.profileStatus),
  canWithdraw: profile.profileStatus !== 'withdrawn',
});

const myProfiles = async (request: PortalRequest) => {
  const profiles = await getService(request.strapi, 'enrollment').profilesOf(memberOf(request).id);
  request.render('profiles', { title: request.t('profiles.title'), profiles: profiles.map((profile) => viewOf(request, profile)) });
};

const renderProfile = async (request: PortalRequest, profile: OwnedProfile, state?: FormState, problem?: MemberFacingError) => {
  const fields = await fieldsOf(request.strapi, profile.program, profile.role);
  const current: FormState = state ?? {
    displayName: profile.displayName,
    careerPath: profile.careerPath ?? '',
    bio: profile.bio ?? '',
    capacity: String(profile.capacity ?? ''),
    answers: profile.answers ?? {},
  };
  request.render(
    'profile',
    {
      title: request.t('profile.title', { program: profile.program.name }),
      profile: viewOf(request, profile),
      state: current,
      fields: formFields(fields, current.answers, problem?.problems ?? []),
      problem,
      availabilities: ['available', 'full', 'away'].map((value) => ({ value, label: request.t(`availability.${value}`), checked: value === profile.availability })),
    },
    problem?.status ?? 200,
  );
};

const profilePage = async (request: PortalRequest) => renderProfile(request, await ownProfile(request));

const saveProfile = async (request: PortalRequest) => {
  const profile = await ownProfile(request);
  const fields = await fieldsOf(request.strapi, profile.program, profile.role);
  const state = await stateFromForm(request, fields);
  const submit = request.form.intent === 'submit';
  try {
    const capacity = Number(state.capacity);
    const availability = text(request.form, 'availability', 20);
    const awayUntil = text(request.form, 'awayUntil', 10);
    if (!state.displayName) throw portalInputError(request.t('enroll.nameRequired'), 'displayName');
    await getService(request.strapi, 'enrollment').update(profile, {
      displayName: state.displayName,
      answers: state.answers,
      bio: state.bio || null,
      careerPath: state.careerPath || null,
      ...(profile.role === 'mentor'
        ? {
            ...(Number.isInteger(capacity) && capacity >= 0 && capacity <= 50 && state.capacity !== '' ? { capacity } : {}),
            ...(availability === 'available' || availability === 'full' || availability === 'away' ? { availability } : {}),
            ...(availability === 'away' ? { awayUntil: /^\d{4}-\d{2}-\d{2}$/.test(awayUntil) ? awayUntil : null } : {}),
          }
        : {}),
      ...(submit ? { action: 'submit' as const } : {}),
    });
    request.redirect(`${request.base}/profiles/${profile.documentId}`, { kind: 'success', key: submit ? 'enroll.submitted' : 'profile.saved' });
  } catch (error) {
    const facing = facingFor(request, error, labelsOf(request, fields));
    if (!facing || facing.status === 404) throw error;
    await renderProfile(request, profile, state, facing);
  }
};

const changeStatus = async (request: PortalRequest) => {
  const profile = await ownProfile(request);
  const action = request.form.action;
  if (action !== 'pause' && action !== 'relist' && action !== 'withdraw') throw new errors.ValidationError('action: choose pause, relist or withdraw');
  await getService(request.strapi, 'enrollment').update(profile, { action });
  request.redirect(`${request.base}/profiles/${profile.documentId}`, { kind: 'success', key: `profile.${action}.done` });
};

const reconfirm = async (request: PortalRequest) => {
  const profile = await ownProfile(request);
  await getService(request.strapi, 'enrollment').reconfirm(profile);
  request.redirect(`${request.base}/profiles/${profile.documentId}`, { kind: 'success', key: 'profile.reconfirm.done' });
};

export const profileRoutes: PortalRoute[] = [
  { method: 'GET', path: '/programs/:slug/enroll/:role', handler: enrollForm, signedIn: true },
  { method: 'POST', path: '/programs/:slug/enroll/:role', handler: enroll, signedIn: true },
  { method: 'POST', path: '/programs/:slug/eligibility/:role', handler: eligibility, signedIn: true, json: true },
  { method: 'GET', path: '/profile', handler: myProfiles, signedIn: true },
  { method: 'GET', path: '/profiles/:id', handler: profilePage, signedIn: true },
  { method: 'POST', path: '/profiles/:id', handler: saveProfile, signedIn: true },
  { method: 'POST', path: '/profiles/:id/status', handler: changeStatus, signedIn: true },
  { method: 'POST', path: '/profiles/:id/reconfirm', handler: reconfirm, signedIn: true },
];
