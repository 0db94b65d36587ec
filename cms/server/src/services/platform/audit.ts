import type { Core } from '@strapi/strapi';
import type { AuditEntryView, StaffActor } from '../../../../shared/contracts/staff';
import { UID } from '../../utils/uids';

interface AdminUser {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  email?: string | null;
}

/** The staff member behind an admin request, as recorded on runs and audit entries. */
export const actorOf = (user: AdminUser | undefined | null): StaffActor | null =>
  user
    ? {
        id: user.id,
        name: [user.firstname, user.lastname].filter(Boolean).join(' ') || user.username || user.email || `admin #${user.id}`,
        email: user.email ?? null,
      }
    : null;

interface AuditRecord {
  documentId: string;
  at: string;
  actorId?: number | null;
  actorName?: string | null;
  actorEmail?: string | null;
  action: string;
  subjectType: string;
  subjectDocumentId?: string | null;
  programDocumentId?: string | null;
  details?: Record<string, unknown> | null;
}

const toView = (entry: AuditRecord): AuditEntryView => ({
  documentId: entry.documentId,
  at: entry.at,
  actor: entry.actorId ? { id: entry.actorId, name: entry.actorName ?? '', email: entry.actorEmail ?? null } : null,
  action: entry.action,
  subjectType: entry.subjectType,
  subjectDocumentId: entry.subjectDocumentId ?? null,
  programDocumentId: entry.programDocumentId ?? null,
  details: entry.details ?? {},
});

/** Who did what, when, to which record: every staff action leaves one entry, written in the action's transaction. */
const audit = ({ strapi }: { strapi: Core.Strapi }) => ({
  async record(entry: {
    actor: StaffActor | null;
    action: string;
    subjectType: string;
    subjectDocumentId?: string | null;
    programDocumentId?: string | null;
    details?: Record<string, unknown>;
  }): Promise<void> {
    await strapi.db.query(UID.auditEntry).create({
      data: {
        actorId: entry.actor?.id ?? null,
        actorName: entry.actor?.name ?? null,
        actorEmail: entry.actor?.email ?? null,
        action: entry.action,
        subjectType: entry.subjectType,
        subjectDocumentId: entry.subjectDocumentId ?? null,
        programDocumentId: entry.programDocumentId ?? null,
        details: entry.details ?? {},
        at: new Date(),
        publishedAt: new Date(),
      },
    });
  },

  async list(filters: { programDocumentId?: string; subjectDocumentId?: string }, limit = 100): Promise<AuditEntryView[]> {
    const where: Record<string, unknown> = {};
    if (filters.programDocumentId) where.programDocumentId = filters.programDocumentId;
    if (filters.subjectDocumentId) where.subjectDocumentId = filters.subjectDocumentId;
    const rows = (await strapi.db.query(UID.auditEntry).findMany({ where, orderBy: [{ at: 'desc' }, { id: 'desc' }], limit })) as AuditRecord[];
    return rows.map(toView);
  },
});

export type AuditService = ReturnType<typeof audit>;
export default audit;
