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
  const kickoff = program.kickoffOn ? String(program.kickoffOn).slice(0, 10) : null;
  const termEnd = program.termEndsOn ? String(program.termEndsOn).slice(0, 10) : null;
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
    /**
     * What a program's places limit: where staff match, who is selected (every application is
     * accepted and waits; a matching run pairs at most the places); elsewhere, who may enroll.
     */
    placesLimit: (STAFF_MATCHED_STYLES.includes(program.style) ? 'selection' : 'enrollment') as 'selection' | 'enrollment',
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
    /** a cohort's term (kick-off and end, YYYY-MM-DD), or null when the program sets none */
    term: kickoff && termEnd ? { kickoff, end: termEnd } : null,
    /**
     * The day a mentorship made on `today` starts: a cohort's pairs start on the kick-off, or on the
     * day they are made when that is later; elsewhere they start the day they are made.
     */
    startDate: (today: string): string => (kickoff && termEnd && kickoff > today ? kickoff : today),
    /** a mentorship's end date: the cohort's term end, else the start plus the program's length (clamped to month ends), else null */
    endDate: (startDay: string): string | null => (kickoff && termEnd ? termEnd : relationshipMonths ? addMonths(startDay, relationshipMonths) : null),
    /** the monthly engagement minimum in hours (null: none) */
    engagementHoursPerMonth: engagementHours,
  };
};

export type ProgramRules = ReturnType<typeof programRules>;
