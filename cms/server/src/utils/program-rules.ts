import schema from '../content-types/program/schema.json';
import { STAFF_MATCHED_STYLES } from '../../../shared/vocabulary';
import type { ProgramRecord } from '../services/content/programs';
import { addMonths } from './dates';

/** The program schema's defaults: the one place the numbers live. */
const DEFAULTS = {
  requestResponseDays: schema.attributes.requestResponseDays.default,
  defaultMentorCapacity: schema.attributes.defaultMentorCapacity.default,
  maxOpenRequests: schema.attributes.maxOpenRequests.default,
  rankedChoices: schema.attributes.rankedChoices.default,
};

/** The window over which the staff dashboard judges a pair's engagement against the monthly minimum. */
export const ENGAGEMENT_WINDOW_DAYS = 30;

/**
 * A program's rules with its defaults applied. Services read a program's settings through this,
 * never as `program.x ?? n` literals of their own.
 */
export const programRules = (program: ProgramRecord) => {
  const relationshipMonths = program.relationshipMonths ?? null;
  const engagementHours = program.engagementHoursPerMonth === null || program.engagementHoursPerMonth === undefined ? null : Number(program.engagementHoursPerMonth);
  return {
    /** days an addressee has to answer a request */
    responseDays: program.requestResponseDays ?? DEFAULTS.requestResponseDays,
    /** open requests a member may have at once */
    maxOpenRequests: program.maxOpenRequests ?? DEFAULTS.maxOpenRequests,
    /** ranked choices a mentee names (0: one addressee) */
    rankedChoices: program.rankedChoices ?? DEFAULTS.rankedChoices,
    ranked: (program.rankedChoices ?? DEFAULTS.rankedChoices) > 0,
    /** staff pair mentors and mentees (matching runs); members do not send requests */
    staffMatched: STAFF_MATCHED_STYLES.includes(program.style),
    mentorMayApproach: Boolean(program.mentorMayApproach),
    /** the addressee of a request is given the sender's name and e-mail address */
    shareRequesterContact: Boolean(program.shareRequesterContact),
    agreementRequired: Boolean(program.agreementRequired),
    renewalAllowed: Boolean(program.renewalAllowed),
    relationshipMonths,
    /** months a renewal adds: the program's length, or a year when it sets none (an end date set by staff) */
    renewalMonths: relationshipMonths ?? 12,
    /** mentees a mentor takes at once: their own capacity, or the program's default */
    capacityOf: (profile: { capacity?: number | null } | null | undefined): number => profile?.capacity ?? program.defaultMentorCapacity ?? DEFAULTS.defaultMentorCapacity,
    /** a mentorship's end date (clamped to month ends), or null when the program sets no length */
    endDate: (startDay: string): string | null => (relationshipMonths ? addMonths(startDay, relationshipMonths) : null),
    /** the monthly engagement minimum in hours (null: none) */
    engagementHoursPerMonth: engagementHours,
  };
};

export type ProgramRules = ReturnType<typeof programRules>;
