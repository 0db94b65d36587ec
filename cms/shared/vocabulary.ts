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

/* Which profiles take part in what: one list per rule, used by every service that applies it. */
/** Mentee profiles that may ask for a mentor, be approached, or be paired by a matching run. */
export const ACTIVE_MENTEE_STATUSES: readonly ProfileStatus[] = ['approved', 'listed'];
/** Mentor profiles members may ask or be approached by: those listed in the directory. */
export const ASKABLE_MENTOR_STATUSES: readonly ProfileStatus[] = ['listed'];
/** Mentor profiles a matching run may pair (approved by staff, listed or not). */
export const MATCHABLE_MENTOR_STATUSES: readonly ProfileStatus[] = ['approved', 'listed'];
/** Profiles enrolled in a program (approved, whether listed or paused). */
export const ENROLLED_STATUSES: readonly ProfileStatus[] = ['approved', 'listed', 'paused'];
/** Profiles holding one of the program's seats (applied or enrolled). */
export const SEATED_STATUSES: readonly ProfileStatus[] = ['submitted', 'approved', 'listed', 'paused'];

/** Styles where staff pair people (cohort matching runs) rather than members asking each other. */
export const STAFF_MATCHED_STYLES: readonly ProgramStyle[] = ['guided-cohort', 'international-virtual'];

export const MENTORSHIP_STATUSES = ['pending-agreement', 'active', 'ended', 'completed'] as const;
export type MentorshipStatus = (typeof MENTORSHIP_STATUSES)[number];
/**
 * Mentorships under way (they keep the mentee from another one in the program). Only active ones hold
 * one of the mentor's places: one waiting for the partnership agreement takes its place on agreement.
 */
export const LIVE_MENTORSHIP_STATUSES: readonly MentorshipStatus[] = ['pending-agreement', 'active'];
export const usesStaffMatching = (style: ProgramStyle): boolean => STAFF_MATCHED_STYLES.includes(style);
