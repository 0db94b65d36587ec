import type { Core } from '@strapi/strapi';
import type { CheckInView, MentorshipPlan, MentorshipView, PartnerView } from '../../../../shared/contracts/members';
import type { Role } from '../../../../shared/vocabulary';
import { MENTORSHIP_POPULATE, type MentorshipProfile, type MentorshipRecord } from './mentorships';
import { addMonths, daysBetween, isoDay } from '../../utils/dates';
import { ConflictError } from '../../utils/errors';
import { getService } from '../../utils/get-service';
import { validationError } from '../../utils/validation-error';
import { UID } from '../../utils/uids';

/** Renewal opens (and the reminder goes out) this many days before the end date. */
export const RENEWAL_WINDOW_DAYS = 30;

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
  const notify = (...args: Parameters<ReturnType<typeof getService<'notifications'>>['send']>) => getService(strapi, 'notifications').send(...args);

  const checkInsOf = async (mentorshipId: number) =>
    (await strapi.db.query(UID.checkIn).findMany({
      where: { mentorship: { id: mentorshipId } },
      populate: { loggedBy: { select: ['documentId'] } },
      orderBy: [{ date: 'asc' }, { id: 'asc' }],
    })) as CheckInRecord[];

  const minutesIn = (checkIns: CheckInRecord[], month: string) => checkIns.filter((item) => monthOf(String(item.date)) === month).reduce((sum, item) => sum + item.minutes, 0);

  /** Sends one template to both members, each with the other as partner. */
  const tellBoth = async (mentorship: MentorshipRecord, key: string, dedupe: string, extra: Record<string, unknown> = {}) => {
    for (const [recipient, other] of [
      [mentorship.mentor, mentorship.mentee],
      [mentorship.mentee, mentorship.mentor],
    ] as const) {
      if (!recipient?.user?.email) continue;
      await notify({
        key,
        to: { email: recipient.user.email, name: recipient.displayName },
        programDocumentId: mentorship.program?.documentId,
        variables: {
          mentor: { name: mentorship.mentor?.displayName ?? '' },
          mentee: { name: mentorship.mentee?.displayName ?? '' },
          partner: { name: other?.displayName ?? '', email: other?.user?.email ?? '' },
          mentorship: { start: mentorship.startDate, end: mentorship.endDate ?? '' },
          ...extra,
        },
        dedupeKey: `mentorship:${mentorship.documentId}:${dedupe}:${recipient.documentId}`,
      });
    }
  };

  const reload = async (documentId: string) => (await getService(strapi, 'mentorships').findOne(documentId)) as MentorshipRecord;

  return {
    /** Which side of the mentorship the member is on, or null when it is not theirs. */
    roleOf(mentorship: MentorshipRecord, userId: number): Role | null {
      if (mentorship.mentor?.user?.id === userId) return 'mentor';
      if (mentorship.mentee?.user?.id === userId) return 'mentee';
      return null;
    },

    async forMember(userId: number): Promise<MentorshipRecord[]> {
      return (await strapi.documents(UID.mentorship).findMany({
        filters: { $or: [{ mentor: { user: { id: userId } } }, { mentee: { user: { id: userId } } }] },
        populate: MENTORSHIP_POPULATE as never,
        sort: ['id:desc'],
        limit: 200,
      })) as unknown as MentorshipRecord[];
    },

    /** What the two members see; contact details are only ever produced here, for the pair. */
    async view(mentorship: MentorshipRecord, myRole: Role): Promise<MentorshipView> {
      const program = mentorship.program!;
      const checkIns = await checkInsOf(mentorship.id);
      const minimum = program.engagementHoursPerMonth === null || program.engagementHoursPerMonth === undefined ? null : Number(program.engagementHoursPerMonth);
      const day = today();
      const lastMonth = previousMonth(day);
      const lastMonthMinutes = minutesIn(checkIns, lastMonth);
      const fullLastMonth = mentorship.startDate <= `${lastMonth}-01`;
      const plan = (mentorship.plan ?? {}) as Partial<MentorshipPlan>;
      return {
        documentId: mentorship.documentId,
        program: { documentId: program.documentId, slug: program.slug, name: program.name },
        status: mentorship.mentorshipStatus,
        myRole,
        mentor: partner(mentorship.mentor),
        mentee: partner(mentorship.mentee),
        startDate: mentorship.startDate,
        endDate: mentorship.endDate ?? null,
        agreement: {
          required: Boolean(program.agreementRequired),
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
          allowed: Boolean(program.renewalAllowed) && Boolean(mentorship.endDate),
          mentorAgreedAt: mentorship.renewalMentorAgreedAt ?? null,
          menteeAgreedAt: mentorship.renewalMenteeAgreedAt ?? null,
          count: Array.isArray(mentorship.renewals) ? mentorship.renewals.length : 0,
        },
        endedReason: mentorship.endedReason ?? null,
      };
    },

    /** Tells a new pair what comes next: the agreement step, or an introduction with each other's e-mail. */
    async announce(mentorship: MentorshipRecord): Promise<void> {
      if (mentorship.mentorshipStatus === 'pending-agreement') await tellBoth(mentorship, 'mentorship.agreement-due', 'agreement-due');
      else if (mentorship.mentorshipStatus === 'active') await tellBoth(mentorship, 'match.introduction', 'introduction');
    },

    /** One member accepts the partnership agreement; with both, the mentorship becomes active. */
    async agree(mentorship: MentorshipRecord, role: Role): Promise<MentorshipRecord> {
      if (mentorship.mentorshipStatus !== 'pending-agreement') throw new ConflictError('This mentorship is not waiting for the agreement', 'not-open');
      const field = role === 'mentor' ? 'mentorAgreedAt' : 'menteeAgreedAt';
      const at = now();
      await strapi.db.query(UID.mentorship).updateMany({ where: { id: mentorship.id, [field]: { $null: true } }, data: { [field]: at } });
      const { count } = await strapi.db.query(UID.mentorship).updateMany({
        where: { id: mentorship.id, mentorshipStatus: 'pending-agreement', mentorAgreedAt: { $notNull: true }, menteeAgreedAt: { $notNull: true } },
        data: { mentorshipStatus: 'active' },
      });
      const updated = await reload(mentorship.documentId);
      if (count === 1) await this.announce(updated);
      return updated;
    },

    async setPlan(mentorship: MentorshipRecord, plan: MentorshipPlan): Promise<MentorshipRecord> {
      if (!['pending-agreement', 'active'].includes(mentorship.mentorshipStatus)) throw new ConflictError('This mentorship has ended', 'not-open');
      await strapi.db.query(UID.mentorship).update({ where: { id: mentorship.id }, data: { plan } });
      return reload(mentorship.documentId);
    },

    async addCheckIn(mentorship: MentorshipRecord, role: Role, input: { date: string; minutes: number; note?: string | null }): Promise<void> {
      if (mentorship.mentorshipStatus !== 'active') throw new ConflictError('Check-ins are logged on an active mentorship', 'not-open');
      if (input.date < mentorship.startDate) throw validationError([{ path: ['date'], message: `must not be before the mentorship started (${mentorship.startDate})` }]);
      if (input.date > today()) throw validationError([{ path: ['date'], message: 'must not be in the future' }]);
      const loggedBy = role === 'mentor' ? mentorship.mentor : mentorship.mentee;
      await strapi.db.query(UID.checkIn).create({
        data: { mentorship: mentorship.id, date: input.date, minutes: input.minutes, note: input.note ?? null, loggedBy: loggedBy?.id ?? null },
      });
    },

    /**
     * One member asks to continue. With both agreed the end date moves on by the program's length;
     * a conditional update on the old end date makes that happen once even when both click at once.
     */
    async renew(mentorship: MentorshipRecord, role: Role): Promise<MentorshipRecord> {
      const program = mentorship.program!;
      if (!program.renewalAllowed) throw new ConflictError(`${program.name} does not renew mentorships`, 'not-open');
      if (mentorship.mentorshipStatus !== 'active' || !mentorship.endDate) throw new ConflictError('Only an active mentorship with an end date is renewed', 'not-open');
      const daysLeft = daysBetween(today(), mentorship.endDate);
      if (daysLeft > RENEWAL_WINDOW_DAYS) {
        throw new ConflictError(`Renewal opens ${RENEWAL_WINDOW_DAYS} days before the end date (${mentorship.endDate})`, 'not-open');
      }
      const field = role === 'mentor' ? 'renewalMentorAgreedAt' : 'renewalMenteeAgreedAt';
      const at = now();
      await strapi.db.query(UID.mentorship).updateMany({ where: { id: mentorship.id, [field]: { $null: true } }, data: { [field]: at } });
      const newEnd = addMonths(mentorship.endDate, program.relationshipMonths ?? 12);
      const renewals = [...(Array.isArray(mentorship.renewals) ? mentorship.renewals : []), { at: at.toISOString(), previousEnd: mentorship.endDate, newEnd }];
      const { count } = await strapi.db.query(UID.mentorship).updateMany({
        where: { id: mentorship.id, mentorshipStatus: 'active', endDate: mentorship.endDate, renewalMentorAgreedAt: { $notNull: true }, renewalMenteeAgreedAt: { $notNull: true } },
        data: { endDate: newEnd, renewals, renewalMentorAgreedAt: null, renewalMenteeAgreedAt: null },
      });
      const updated = await reload(mentorship.documentId);
      if (count === 1) await tellBoth(updated, 'mentorship.renewed', `renewed-${newEnd}`);
      return updated;
    },

    /** Scheduled: reminds pairs below the engagement minimum last month (once per month). */
    async engagementReminders(at: Date = now()): Promise<number> {
      const day = isoDay(at);
      const lastMonth = previousMonth(day);
      const active = (await strapi.documents(UID.mentorship).findMany({
        filters: { mentorshipStatus: 'active', startDate: { $lte: `${lastMonth}-01` }, program: { engagementHoursPerMonth: { $gt: 0 } } },
        populate: MENTORSHIP_POPULATE as never,
        limit: 100000,
      })) as unknown as MentorshipRecord[];
      let reminded = 0;
      for (const mentorship of active) {
        const minimum = Number(mentorship.program?.engagementHoursPerMonth ?? 0);
        const logged = minutesIn(await checkInsOf(mentorship.id), lastMonth);
        if (logged >= minimum * 60) continue;
        await tellBoth(mentorship, 'mentorship.engagement-low', `engagement-${lastMonth}`, {
          engagement: { minimum: String(minimum), logged: String(hours(logged)) },
        });
        reminded += 1;
      }
      return reminded;
    },

    /** Scheduled: renewal reminders near the end, and mentorships past their end date completed. */
    async renewalsAndCompletions(at: Date = now()): Promise<{ reminded: number; completed: number }> {
      const day = isoDay(at);
      const ending = (await strapi.documents(UID.mentorship).findMany({
        filters: { mentorshipStatus: 'active', endDate: { $notNull: true, $lte: isoDay(new Date(at.getTime() + RENEWAL_WINDOW_DAYS * 86_400_000)) } },
        populate: MENTORSHIP_POPULATE as never,
        limit: 100000,
      })) as unknown as MentorshipRecord[];
      let reminded = 0;
      let completed = 0;
      for (const mentorship of ending) {
        if (mentorship.endDate! < day) {
          const { count } = await strapi.db.query(UID.mentorship).updateMany({ where: { id: mentorship.id, mentorshipStatus: 'active', endDate: mentorship.endDate }, data: { mentorshipStatus: 'completed' } });
          if (count === 1 && mentorship.mentor) await getService(strapi, 'mentorships').refreshMentorLoad(mentorship.mentor.id);
          completed += count;
        } else if (mentorship.program?.renewalAllowed) {
          await tellBoth(mentorship, 'mentorship.renewal-due', `renewal-due-${mentorship.endDate}`);
          reminded += 1;
        }
      }
      return { reminded, completed };
    },
  };
};

export type MentorshipLifecycleService = ReturnType<typeof mentorshipLifecycle>;
export default mentorshipLifecycle;
