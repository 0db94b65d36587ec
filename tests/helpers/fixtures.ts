import type { Core } from '@strapi/strapi';
import type { ProfileField } from '../../cms/shared/profile-fields';

/** Small, explicit fixtures created through the document service (validation applies). */
export const createProgram = async (strapi: Core.Strapi, data: Record<string, unknown> = {}) =>
  (await strapi.documents('plugin::mentorship.program').create({
    data: { name: 'Test program', slug: `test-${Math.random().toString(36).slice(2, 8)}`, style: 'mentor-exchange', programStatus: 'open', ...data },
  } as never)) as unknown as { id: number; documentId: string; slug: string };

export const MENTOR_FIELDS: ProfileField[] = [
  { key: 'specialty', label: 'Specialty', kind: 'single-choice', options: [{ value: 'oncology', label: 'Oncology' }, { value: 'cardiology', label: 'Cardiology' }], required: true, public: true, searchable: true, matching: true },
  { key: 'interests', label: 'Interests', kind: 'multiple-choice', options: [{ value: 'research', label: 'Research' }, { value: 'teaching', label: 'Teaching' }, { value: 'leadership', label: 'Leadership' }], required: false, public: true, searchable: true, matching: true },
  { key: 'yearsExperience', label: 'Years of experience', kind: 'number', min: 0, max: 60, required: true, public: true, searchable: false, matching: true },
  { key: 'country', label: 'Country', kind: 'country', required: true, public: false, searchable: false, matching: true },
  { key: 'languages', label: 'Languages', kind: 'languages', required: false, public: true, searchable: true, matching: true },
  { key: 'phone', label: 'Phone', kind: 'text', required: false, public: false, searchable: false, matching: false },
];

export const createProfileType = async (strapi: Core.Strapi, programDocumentId: string, role: 'mentor' | 'mentee', fields: ProfileField[] = MENTOR_FIELDS) =>
  (await strapi.documents('plugin::mentorship.profile-type').create({
    data: { name: `${role} profile`, program: programDocumentId, role, fields },
  } as never)) as unknown as { documentId: string };

let members = 0;
export const createMember = async (strapi: Core.Strapi, name = 'member') => {
  members += 1;
  const role = await strapi.db.query('plugin::users-permissions.role').findOne({ where: { type: 'authenticated' } });
  const user = await strapi.plugin('users-permissions').service('user').add({
    username: `${name}${members}${Date.now().toString(36)}`,
    email: `${name}.${members}.${Date.now().toString(36)}@example.org`,
    password: 'Member-password-1',
    provider: 'local',
    confirmed: true,
    blocked: false,
    role: role.id,
  });
  return user as { id: number; documentId: string; email: string; username: string };
};
