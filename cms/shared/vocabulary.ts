/** The product's vocabulary as values: one list per enumeration, shared by server, admin and tests. */
export const PROGRAM_STYLES = [
  'open-directory',
  'mentor-exchange',
  'guided-cohort',
  'international-virtual',
  'ranked-cascade',
] as const;
export type ProgramStyle = (typeof PROGRAM_STYLES)[number];

export const PROGRAM_STATUSES = ['draft', 'open', 'closed', 'archived'] as const;
export type ProgramStatus = (typeof PROGRAM_STATUSES)[number];
/** Programs members can see: drafts are not ready, archived ones are gone. */
export const VISIBLE_PROGRAM_STATUSES: readonly ProgramStatus[] = ['open', 'closed'];

export const ROLES = ['mentor', 'mentee'] as const;
export type Role = (typeof ROLES)[number];

export const PROFILE_STATUSES = ['draft', 'submitted', 'approved', 'listed', 'paused', 'withdrawn', 'rejected'] as const;
export type ProfileStatus = (typeof PROFILE_STATUSES)[number];

export const AVAILABILITIES = ['available', 'full', 'away'] as const;
export type Availability = (typeof AVAILABILITIES)[number];

export const AUDIENCES = ['mentor', 'mentee', 'both'] as const;
export type Audience = (typeof AUDIENCES)[number];

export const RESOURCE_KINDS = ['document', 'link', 'video', 'template'] as const;

export const DIRECTORY_VISIBILITIES = ['public', 'members'] as const;

/** Program styles where staff pair the cohort with matching runs (the others let members choose). */
export const STAFF_MATCHING_STYLES: readonly ProgramStyle[] = ['guided-cohort', 'international-virtual'];
export const usesStaffMatching = (style: ProgramStyle): boolean => STAFF_MATCHING_STYLES.includes(style);
