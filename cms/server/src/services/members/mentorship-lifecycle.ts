import type { Core } from '@strapi/strapi';
import type { CheckInView, MentorshipPlan, MentorshipView, PartnerView } from '../../../../shared/contracts/members';
import type { Role } from '../../../../shared/vocabulary';
import { LIVE_STATUSES, RENEWAL_WINDOW_DAYS, type MentorshipProfile, type MentorshipRecord } from './mentorships';
import { addDays, addMonths, isoDay } from '../../utils/dates';
import { programRules } from '../../utils/program-rules';
import { ConflictError } from '../../utils/errors';
import { getService } from '../../utils/get-service';
import { validationError } from '../../utils/validation-error';
import { UID } from '../../utils/uids';

export { RENEWAL_WINDOW_DAYS };

interface CheckInRecord {
  id: number;
  documentId: string;
  date: string;
  minutes: number;
  note?: string | null;
  loggedBy?: { documentId: string } | null;
}

const monthOf = (day: string) => day.slice(0, 7);
const previousMonth = (day: string) => monthOf(addMonths(`${monthOf(day)}-01`, -1));
const hours = (minutes: number) => Math.round((minutes / 60) * 100) / 100;

const partner = (profile: MentorshipProfile | null | undefined): PartnerView => ({
  documentId: profile?.documentId ?? '',
  displayName: profile?.displayName ?? '',
  role: profile?.role ?? 'mentor',
  email: profile?.user?.email ?? null,
});

const mentorshipLifecycle = ({ strapi }: { strapi: Core.Strapi }) => {
  const now = () => getService(strapi, 'clock').now();
  const today = () => isoDay(now());

  const checkInsOf = async (mentorshipId: number) =>
    (await strapi.db.query(UID.checkIn).findMany({
      where: { mentorship: { id: mentorshipId } },
      populate: { loggedBy: { select: ['documentId'] } },
      orderBy: [{ date: 'asc' }, { id: 'asc' }],
    })) as CheckInRecord[];

  const minutesIn = (checkIns: CheckInRecord[], month: string) => checkIns.filter((item) => monthOf(String(item.date)) === month).reduce((sum, item) => sum + item.minutes, 0);

  const mentorships = () => getService(strapi, 'mentorships');
  const reload = async (documentId: string) => (await mentorships().findOne(documentId)) as MentorshipRecord;

  return {
    /** Which side of the mentorship the member is on, or null when it is not theirs. */
    roleOf(mentorship: MentorshipRecord, userId: number): Role | null {
      if (mentorship.mentor?.user?.id === userId) return 'mentor';
      if (mentorship.mentee?.user?.id === userId) return 'mentee';
      return null;
    },

    async forMember(userId: number): Promise<MentorshipRecord[]> {
      return mentorships().findMany({ $or: [{ mentor: { user: { id: userId } } }, { mentee: { user: { id: userId } } }] }, { limit: 200 });
    },

    /** What the two members see; contact details are only ever produced here, for the pair. */
    async view(mentorship: MentorshipRecord, myRole: Role): Promise<MentorshipView> {
      const program = mentorship.program!;
      const checkIns = await checkInsOf(mentorship.id);
      const rules = programRules(program);
      const minimum = rules.engagementHoursPerMonth;
      const day = today();
      const lastMonth = previousMonth(day);
      const lastMonthMinutes = minutesIn(checkIns, lastMonth);
      const fullLastMonth = mentorship.startDate !== null && mentorship.startDate <= `${lastMonth}-01`;
      const plan = (mentorship.plan ?? {}) as Partial<MentorshipPlan>;
      return {
        documentId: mentorship.documentId,
        program: { documentId: program.documentId, slug: program.slug, name: program.name },
        status: mentorship.mentorshipStatus,
        myRole,
        mentor: partner(mentorship.mentor),
        mentee: partner(mentorship.mentee),
        startDate: mentorship.startDate ?? null,
        endDate: mentorship.endDate ?? null,
        agreement: {
          required: rules.agreementRequired,
          text: program.agreement ?? null,
          mentorAgreedAt: mentorship.mentorAgreedAt ?? null,
          menteeAgreedAt: mentorship.menteeAgreedAt ?? null,
        },
        plan: { objectives: plan.objectives ?? [], timeline: plan.timeline ?? [] },
        checkIns: checkIns.map(
          (item): CheckInView => ({ documentId: item.documentId, date: String(item.date), minutes: item.minutes, note: item.note ?? null, loggedBy: item.loggedBy?.documentId ?? null }),
        ),
        engagement: {
          minimumHoursPerMonth: minimum,
          thisMonthHours: hours(minutesIn(checkIns, monthOf(day))),
          lastMonthHours: hours(lastMonthMinutes),
          meetsMinimum: minimum === null || !fullLastMonth || mentorship.mentorshipStatus !== 'active' ? null : lastMonthMinutes >= minimum * 60,
        },
        renewal: {
          allowed: rules.renewalAllowed && Boolean(mentorship.endDate),
          mentorAgreedAt: mentorship.renewalMentorAgreedAt ?? null,
          menteeAgreedAt: mentorship.renewalMenteeAgreedAt ?? null,
          count: Array.isArray(mentorship.renewals) ? mentorship.renewals.length : 0,
        },
        endedReason: mentorship.endedReason ?? null,
      };
    },

    /** Tells a new pair what comes next (the mentorships service owns the rule). */
    async announce(mentorship: MentorshipRecord): Promise<void> {
      await mentorships().announce(mentorship);
    },

    /** One member accepts the partnership agreement (the mentorships service owns the rule). */
    async agree(mentorship: MentorshipRecord, role: Role): Promise<MentorshipRecord> {
      return mentorships().agree(mentorship, role);
    },

    async setPlan(mentorship: MentorshipRecord, plan: MentorshipPlan): Promise<MentorshipRecord> {
      if (!LIVE_STATUSES.includes(mentorship.mentorshipStatus)) throw new ConflictError('This mentorship has ended', 'not-open');
      await strapi.db.query(UID.mentorship).update({ where: { id: mentorship.id }, data: { plan } });
      return reload(mentorship.documentId);
    },

    async addCheckIn(mentorship: MentorshipRecord, role: Role, input: { date: string; minutes: number; note?: string | null }): Promise<void> {
      if (mentorship.mentorshipStatus !== 'active') throw new ConflictError('Check-ins are logged on an active mentorship', 'not-open');
      if (mentorship.startDate && input.date < mentorship.startDate) throw validationError([{ path: ['date'], message: `must not be before the mentorship started (${mentorship.startDate})` }]);
      if (input.date > today()) throw validationError([{ path: ['date'], message: 'must not be in the future' }]);
      const loggedBy = role === 'mentor' ? mentorship.mentor : mentorship.mentee;
      await strapi.db.query(UID.checkIn).create({
        data: { mentorship: mentorship.id, date: input.date, minutes: input.minutes, note: input.note ?? null, loggedBy: loggedBy?.id ?? null },
      });
    },

    /** One member asks to continue (the mentorships service owns the rule). */
    async renew(mentorship: MentorshipRecord, role: Role): Promise<MentorshipRecord> {
      return mentorships().renew(mentorship, role);
    },

    /** Scheduled: reminds pairs below the engagement minimum last month (once per month). */
    async engagementReminders(at: Date = now()): Promise<number> {
      const day = isoDay(at);
      const lastMonth = previousMonth(day);
      const active = await mentorships().findMany(
        { mentorshipStatus: 'active', startDate: { $lte: `${lastMonth}-01` }, program: { engagementHoursPerMonth: { $gt: 0 } } },
        { limit: 100000, orderBy: [{ id: 'asc' }] },
      );
      let reminded = 0;
      for (const mentorship of active) {
        const minimum = Number(mentorship.program?.engagementHoursPerMonth ?? 0);
        const logged = minutesIn(await checkInsOf(mentorship.id), lastMonth);
        if (logged >= minimum * 60) continue;
        await mentorships().tellBoth(mentorship, 'mentorship.engagement-low', `engagement-${lastMonth}`, {
          engagement: { minimum: String(minimum), logged: String(hours(logged)) },
        });
        reminded += 1;
      }
      await getService(strapi, 'notifications').whenIdle();
      return reminded;
    },

    /** Scheduled: renewal reminders near the end, and mentorships past their end date completed. */
    async renewalsAndCompletions(at: Date = now()): Promise<{ reminded: number; completed: number }> {
      const day = isoDay(at);
      const ending = await mentorships().findMany(
        { mentorshipStatus: 'active', endDate: { $notNull: true, $lte: isoDay(addDays(at, RENEWAL_WINDOW_DAYS)) } },
        { limit: 100000, orderBy: [{ id: 'asc' }] },
      );
      let reminded = 0;
      let completed = 0;
      for (const mentorship of ending) {
        if (mentorship.endDate! < day) {
          if (await mentorships().complete(mentorship)) completed += 1;
        } else if (mentorship.program?.renewalAllowed) {
          await mentorships().tellBoth(mentorship, 'mentorship.renewal-due', `renewal-due-${mentorship.endDate}`);
          reminded += 1;
        }
      }
      await getService(strapi, 'notifications').whenIdle();
      return { reminded, completed };
    },
  };
};

export type MentorshipLifecycleService = ReturnType<typeof mentorshipLifecycle>;
export default mentorshipLifecycle;
