import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../../config';
import { getService } from '../../utils/get-service';
import { PLUGIN_ID, UID } from '../../utils/uids';
import { portalPageUrl, portalProgramUrl } from '../../portal/links';

export interface NotificationInput {
  /** an e-mail catalog key, e.g. "request.received" */
  key: string;
  to: { email: string; name?: string | null };
  programDocumentId?: string | null;
  variables?: Record<string, unknown>;
  /** the same key never sends twice (e.g. "request:<id>:received:<addressee>") */
  dedupeKey?: string | null;
}

export type OutboxStatus = 'pending' | 'sent' | 'failed';

export interface OutboxRow {
  id: number;
  documentId: string;
  recipientEmail: string;
  recipientName?: string | null;
  templateKey: string;
  subject: string;
  html: string;
  text: string;
  status: OutboxStatus;
  attempts: number;
  lastError?: string | null;
  nextAttemptAt?: string | null;
  sentAt?: string | null;
  dedupeKey?: string | null;
}

/** After this many failed attempts a message stays failed and needs a person to look at it. */
export const MAX_ATTEMPTS = 10;
/** How long a claimed message is left to its sender before another instance may retry it. */
const CLAIM_LEASE_MS = 2 * 60 * 1000;
const retryDelayMs = (attempts: number) => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60 * 1000);

const DEDUPE_INDEX = 'mentorship_outbox_dedupe_key_unique';

const quoteName = (name: string) => `"${name.replace(/["\\\r\n]/g, ' ').trim()}"`;

const notifications = ({ strapi }: { strapi: Core.Strapi }) => {
  const outbox = () => strapi.db.query(UID.outbox);
  const now = () => getService(strapi, 'clock').now();

  /**
   * Takes the message for one delivery attempt: a conditional update on the attempt counter, so of
   * two instances (or a flush racing a first send) exactly one gets it.
   */
  const claim = async (row: OutboxRow, at: Date): Promise<boolean> => {
    const { count } = await outbox().updateMany({
      where: { id: row.id, attempts: row.attempts, status: { $ne: 'sent' } },
      data: { attempts: row.attempts + 1, nextAttemptAt: new Date(at.getTime() + CLAIM_LEASE_MS) },
    });
    return count === 1;
  };

  const deliver = async (row: OutboxRow, at: Date): Promise<OutboxStatus> => {
    const attempts = row.attempts + 1;
    try {
      await strapi.plugin('email').service('email').send({
        to: row.recipientName ? `${quoteName(row.recipientName)} <${row.recipientEmail}>` : row.recipientEmail,
        subject: row.subject,
        text: row.text,
        html: row.html,
      });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const giveUp = attempts >= MAX_ATTEMPTS;
      await outbox().update({
        where: { id: row.id },
        data: {
          status: 'failed',
          lastError: message.slice(0, 2000),
          nextAttemptAt: giveUp ? null : new Date(at.getTime() + retryDelayMs(attempts)),
        },
      });
      strapi.log.warn(`[mentorship] e-mail ${row.templateKey} to ${row.recipientEmail} failed (attempt ${attempts}): ${message}`);
      return 'failed';
    }
    await outbox().update({ where: { id: row.id }, data: { status: 'sent', sentAt: at, nextAttemptAt: null, lastError: null } });
    return 'sent';
  };

  return {
    /** A unique index on the dedupe key, so two instances cannot both record the same message. */
    async ensureIndexes(): Promise<void> {
      const table = strapi.db.metadata.get(UID.outbox).tableName;
      await strapi.db.connection.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ${DEDUPE_INDEX} ON ${table} (dedupe_key)`);
    },

    async findByDedupeKey(dedupeKey: string): Promise<OutboxRow | null> {
      return (await outbox().findOne({ where: { dedupeKey } })) as OutboxRow | null;
    },

    /**
     * Renders the editor's template, records the message in the outbox and tries to deliver it at
     * once. A failure leaves it `failed` with a next attempt time; `flush` retries it. A dedupe key
     * seen before returns the recorded message without sending again.
     * Call it after the transaction that caused it commits: SMTP must not hold row locks, and on
     * PostgreSQL a lost dedupe race (unique violation) would abort an enclosing transaction.
     */
    async send(input: NotificationInput): Promise<{ documentId: string; status: OutboxStatus }> {
      if (input.dedupeKey) {
        const existing = await this.findByDedupeKey(input.dedupeKey);
        if (existing) return { documentId: existing.documentId, status: existing.status };
      }
      const program = input.programDocumentId
        ? ((await strapi.documents(UID.program).findOne({ documentId: input.programDocumentId })) as unknown as { name: string; slug: string } | null)
        : null;
      const config = strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
      const variables = {
        ...input.variables,
        program: {
          name: program?.name ?? '',
          url: program ? portalProgramUrl(config.siteUrl, config.portalPath, program.slug) : config.siteUrl,
          ...((input.variables?.program as object | undefined) ?? {}),
        },
        recipient: { name: input.to.name ?? input.to.email, ...((input.variables?.recipient as object | undefined) ?? {}) },
        page: { url: portalPageUrl(config.siteUrl, config.portalPath, input.key) },
      };
      const rendered = await getService(strapi, 'email-templates').render(input.key, variables, input.programDocumentId);
      const at = now();
      let row: OutboxRow;
      try {
        row = (await outbox().create({
          data: {
            recipientEmail: input.to.email,
            recipientName: input.to.name ?? null,
            templateKey: input.key,
            program: input.programDocumentId ? (await strapi.db.query(UID.program).findOne({ where: { documentId: input.programDocumentId } }))?.id ?? null : null,
            subject: rendered.subject,
            html: rendered.html,
            text: rendered.text,
            status: 'pending',
            attempts: 0,
            nextAttemptAt: at,
            dedupeKey: input.dedupeKey ?? null,
          },
        })) as OutboxRow;
      } catch (error) {
        // Lost a race on the dedupe key's unique index: the other writer sends it.
        const existing = input.dedupeKey ? await this.findByDedupeKey(input.dedupeKey) : null;
        if (existing) return { documentId: existing.documentId, status: existing.status };
        throw error;
      }
      if (!(await claim(row, at))) return { documentId: row.documentId, status: row.status };
      const status = await deliver(row, at);
      return { documentId: row.documentId, status };
    },

    /** Retries every message whose next attempt is due; returns how many were sent and failed. */
    async flush(at: Date = now()): Promise<{ sent: number; failed: number }> {
      const due = (await outbox().findMany({
        where: { status: { $in: ['pending', 'failed'] }, nextAttemptAt: { $lte: at }, attempts: { $lt: MAX_ATTEMPTS } },
        orderBy: { id: 'asc' },
        limit: 100,
      })) as OutboxRow[];
      let sent = 0;
      let failed = 0;
      for (const row of due) {
        if (!(await claim(row, at))) continue;
        if ((await deliver(row, at)) === 'sent') sent += 1;
        else failed += 1;
      }
      return { sent, failed };
    },
  };
};

export type NotificationsService = ReturnType<typeof notifications>;
export default notifications;
