import type { Core } from '@strapi/strapi';
import type { PluginConfig } from '../../config';
import { getService } from '../../utils/get-service';
import { withTransaction } from '../../utils/transaction';
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
  programDocumentId?: string | null;
  variables?: Record<string, unknown> | null;
  subject?: string | null;
  html?: string | null;
  text?: string | null;
  status: OutboxStatus;
  attempts: number;
  lastError?: string | null;
  nextAttemptAt?: string | null;
  sentAt?: string | null;
  dedupeKey?: string | null;
}

export interface QueuedMessage {
  documentId: string;
  status: OutboxStatus;
  /** false when a message with the same dedupe key was recorded before */
  queued: boolean;
}

export interface DeliveryCounts {
  queued: number;
  sent: number;
  failed: number;
}

/** After this many failed attempts a message stays failed and needs a person to look at it. */
export const MAX_ATTEMPTS = 10;
/** Messages delivered at once; matches the SMTP pool's default connection count. */
const DELIVERY_CONCURRENCY = 5;
/** How long a claimed message is left to its sender before another instance may retry it. */
const CLAIM_LEASE_MS = 2 * 60 * 1000;
/** Rows per statement when reading or writing many (within every database's parameter limit). */
const CHUNK = 500;
const retryDelayMs = (attempts: number) => Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 60 * 60 * 1000);

const DEDUPE_INDEX = 'mentorship_outbox_dedupe_key_unique';
const SAVEPOINT = 'mentorship_outbox_insert';

const quoteName = (name: string) => `"${name.replace(/["\\\r\n]/g, ' ').trim()}"`;
const chunks = <T>(items: T[]): T[][] => Array.from({ length: Math.ceil(items.length / CHUNK) }, (_, index) => items.slice(index * CHUNK, (index + 1) * CHUNK));

/** Runs `work` over `items`, at most `limit` at a time. */
const eachLimited = async <T>(items: T[], limit: number, work: (item: T) => Promise<void>) => {
  let next = 0;
  const lane = async () => {
    while (next < items.length) {
      const item = items[next]!;
      next += 1;
      await work(item);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, lane));
};

interface ProgramNames {
  name: string;
  slug: string;
}

/**
 * The outbox. Every e-mail is written as a row in the transaction of the change that causes it
 * (`queue`), so the change and its e-mails commit together or not at all; after the commit the
 * worker renders the editor's template and delivers it, away from the request that caused it.
 * The `mentorship-outbox` job retries what failed (rendering or delivery) with a growing delay.
 */
const notifications = ({ strapi }: { strapi: Core.Strapi }) => {
  const outbox = () => strapi.db.query(UID.outbox);
  const now = () => getService(strapi, 'clock').now();
  /** Deliveries under way in this process, so jobs, shutdown and tests can wait for them. */
  const inFlight = new Set<Promise<unknown>>();

  const track = (work: Promise<unknown>) => {
    const tracked = work.catch((error: unknown) => strapi.log.error(`[mentorship] outbox worker: ${error instanceof Error ? error.stack : String(error)}`));
    inFlight.add(tracked);
    void tracked.finally(() => inFlight.delete(tracked));
  };

  const rowOf = (input: NotificationInput, at: Date) => ({
    recipientEmail: input.to.email,
    recipientName: input.to.name ?? null,
    templateKey: input.key,
    programDocumentId: input.programDocumentId ?? null,
    variables: input.variables ?? {},
    status: 'pending' as const,
    attempts: 0,
    nextAttemptAt: at,
    dedupeKey: input.dedupeKey ?? null,
    publishedAt: at,
  });

  const recorded = async (keys: string[]): Promise<Map<string, OutboxRow>> => {
    const found = new Map<string, OutboxRow>();
    for (const chunk of chunks([...new Set(keys)])) {
      const rows = (await outbox().findMany({ where: { dedupeKey: { $in: chunk } }, select: ['id', 'documentId', 'status', 'dedupeKey'] })) as OutboxRow[];
      for (const row of rows) if (row.dedupeKey) found.set(row.dedupeKey, row);
    }
    return found;
  };

  /**
   * Inserts inside a savepoint: a dedupe key recorded meanwhile by another transaction fails the
   * unique index, which on PostgreSQL would abort the whole enclosing transaction otherwise.
   */
  const insertGuarded = async <T>(trx: { raw: (sql: string) => Promise<unknown> }, insert: () => Promise<T>): Promise<T | null> => {
    await trx.raw(`SAVEPOINT ${SAVEPOINT}`);
    try {
      const result = await insert();
      await trx.raw(`RELEASE SAVEPOINT ${SAVEPOINT}`);
      return result;
    } catch (error) {
      await trx.raw(`ROLLBACK TO SAVEPOINT ${SAVEPOINT}`);
      if (/unique|duplicate/i.test(String((error as { message?: unknown } | null)?.message))) return null;
      throw error;
    }
  };

  /** Takes the message for one attempt: a conditional update on the attempt counter, so exactly one sender gets it. */
  const claim = async (row: OutboxRow, at: Date): Promise<boolean> => {
    const { count } = await outbox().updateMany({
      where: { id: row.id, attempts: row.attempts, status: { $ne: 'sent' } },
      data: { attempts: row.attempts + 1, nextAttemptAt: new Date(at.getTime() + CLAIM_LEASE_MS) },
    });
    return count === 1;
  };

  const render = async (row: OutboxRow, programs: Map<string, Promise<ProgramNames | null>>) => {
    const programDocumentId = row.programDocumentId ?? null;
    let program: ProgramNames | null = null;
    if (programDocumentId) {
      if (!programs.has(programDocumentId)) {
        programs.set(programDocumentId, strapi.db.query(UID.program).findOne({ where: { documentId: programDocumentId }, select: ['name', 'slug'] }) as Promise<ProgramNames | null>);
      }
      program = await programs.get(programDocumentId)!;
    }
    const config = strapi.config.get(`plugin::${PLUGIN_ID}`) as PluginConfig;
    const given = row.variables ?? {};
    const variables = {
      ...given,
      program: {
        name: program?.name ?? '',
        url: program ? portalProgramUrl(config.siteUrl, config.portalPath, program.slug) : config.siteUrl,
        ...((given.program as object | undefined) ?? {}),
      },
      recipient: { name: row.recipientName ?? row.recipientEmail, ...((given.recipient as object | undefined) ?? {}) },
      page: { url: portalPageUrl(config.siteUrl, config.portalPath, row.templateKey) },
    };
    return getService(strapi, 'email-templates').render(row.templateKey, variables, programDocumentId);
  };

  /** One attempt: render, send, record. A failure of either step is kept with its message and retried later. */
  const attempt = async (row: OutboxRow, programs: Map<string, Promise<ProgramNames | null>>): Promise<OutboxStatus> => {
    const attempts = row.attempts + 1;
    let stage = 'rendering';
    try {
      const rendered = await render(row, programs);
      stage = 'delivery';
      await strapi.plugin('email').service('email').send({
        to: row.recipientName ? `${quoteName(row.recipientName)} <${row.recipientEmail}>` : row.recipientEmail,
        subject: rendered.subject,
        text: rendered.text,
        html: rendered.html,
      });
      await outbox().update({
        where: { id: row.id },
        data: { status: 'sent', sentAt: now(), nextAttemptAt: null, lastError: null, subject: rendered.subject, html: rendered.html, text: rendered.text },
      });
      return 'sent';
    } catch (error) {
      const message = `${stage}: ${error instanceof Error ? error.message : String(error)}`;
      const giveUp = attempts >= MAX_ATTEMPTS;
      await outbox().update({
        where: { id: row.id },
        data: { status: 'failed', lastError: message.slice(0, 2000), nextAttemptAt: giveUp ? null : new Date(now().getTime() + retryDelayMs(attempts)) },
      });
      strapi.log.warn(`[mentorship] e-mail ${row.templateKey} to ${row.recipientEmail} failed (attempt ${attempts}): ${message}`);
      return 'failed';
    }
  };

  /** Claims and attempts each row, a few at a time over the pooled SMTP connection. */
  const deliverRows = async (rows: OutboxRow[]): Promise<{ sent: number; failed: number }> => {
    const programs = new Map<string, Promise<ProgramNames | null>>();
    const counts = { sent: 0, failed: 0 };
    await eachLimited(rows, DELIVERY_CONCURRENCY, async (row) => {
      if (!(await claim(row, now()))) return;
      if ((await attempt(row, programs)) === 'sent') counts.sent += 1;
      else counts.failed += 1;
    });
    return counts;
  };

  /** The first attempt of messages just committed. */
  const deliverQueued = async (ids: number[]) => {
    for (const chunk of chunks(ids)) {
      const rows = (await outbox().findMany({ where: { id: { $in: chunk }, status: 'pending', attempts: 0 }, orderBy: { id: 'asc' } })) as OutboxRow[];
      await deliverRows(rows);
    }
  };

  const service = {
    /** A unique index on the dedupe key, so two instances cannot both record the same message. */
    async ensureIndexes(): Promise<void> {
      const table = strapi.db.metadata.get(UID.outbox).tableName;
      await strapi.db.connection.raw(`CREATE UNIQUE INDEX IF NOT EXISTS ${DEDUPE_INDEX} ON ${table} (dedupe_key)`);
    },

    async findByDedupeKey(dedupeKey: string): Promise<OutboxRow | null> {
      return (await outbox().findOne({ where: { dedupeKey } })) as OutboxRow | null;
    },

    /**
     * Writes e-mails to the outbox in the caller's transaction (or in one of its own), to be
     * delivered by the worker once that transaction commits. A dedupe key recorded before is not
     * written again. Returns how many rows were written.
     */
    async queueMany(inputs: NotificationInput[]): Promise<{ queued: number }> {
      if (inputs.length === 0) return { queued: 0 };
      return withTransaction(strapi, async ({ trx, onCommit }) => {
        const at = now();
        const seen = await recorded(inputs.map((input) => input.dedupeKey).filter((key): key is string => Boolean(key)));
        const fresh = inputs.filter((input) => {
          if (!input.dedupeKey) return true;
          if (seen.has(input.dedupeKey)) return false;
          seen.set(input.dedupeKey, { dedupeKey: input.dedupeKey } as OutboxRow);
          return true;
        });
        const ids: number[] = [];
        for (const chunk of chunks(fresh)) {
          const many = await insertGuarded(trx, () => outbox().createMany({ data: chunk.map((input) => rowOf(input, at)) }));
          if (many) {
            ids.push(...many.ids.map(Number));
            continue;
          }
          // A key of this chunk was recorded meanwhile: write the others one by one.
          for (const input of chunk) {
            const row = await insertGuarded(trx, () => outbox().create({ data: rowOf(input, at) }) as Promise<OutboxRow>);
            if (row) ids.push(row.id);
          }
        }
        if (ids.length > 0) onCommit(() => service.deliverSoon(ids));
        return { queued: ids.length };
      });
    },

    /** `queueMany` for one message; says which outbox row holds it. */
    async queue(input: NotificationInput): Promise<QueuedMessage> {
      return withTransaction(strapi, async ({ trx, onCommit }) => {
        const existing = input.dedupeKey ? (await recorded([input.dedupeKey])).get(input.dedupeKey) : undefined;
        if (existing) return { documentId: existing.documentId, status: existing.status, queued: false };
        const row = await insertGuarded(trx, () => outbox().create({ data: rowOf(input, now()) }) as Promise<OutboxRow>);
        if (!row) {
          const winner = (await recorded([input.dedupeKey ?? ''])).get(input.dedupeKey ?? '');
          if (!winner) throw new Error(`The outbox refused the message ${input.key} to ${input.to.email}`);
          return { documentId: winner.documentId, status: winner.status, queued: false };
        }
        onCommit(() => service.deliverSoon([row.id]));
        return { documentId: row.documentId, status: row.status, queued: true };
      });
    },

    /** Kept for callers of the earlier name: queues the message (it no longer waits for SMTP). */
    async send(input: NotificationInput): Promise<{ documentId: string; status: OutboxStatus }> {
      const { documentId, status } = await this.queue(input);
      return { documentId, status };
    },

    /** Starts the worker on messages just committed, without waiting for it. */
    deliverSoon(ids: number[]): void {
      track(deliverQueued(ids));
    },

    /** Resolves when every delivery started in this process has finished. */
    async whenIdle(): Promise<void> {
      while (inFlight.size > 0) await Promise.allSettled([...inFlight]);
    },

    /**
     * Scheduled: lets first attempts under way finish, then retries every message whose next
     * attempt is due (including any whose first attempt never started, e.g. after a restart).
     * Returns how many of the retries were sent and failed.
     */
    async flush(at: Date = now()): Promise<{ sent: number; failed: number }> {
      await this.whenIdle();
      const due = (await outbox().findMany({
        where: { status: { $in: ['pending', 'failed'] }, nextAttemptAt: { $lte: at }, attempts: { $lt: MAX_ATTEMPTS } },
        orderBy: { id: 'asc' },
        limit: 1000,
      })) as OutboxRow[];
      return deliverRows(due);
    },

    /** Delivery progress of the messages whose dedupe key starts with `prefix` (e.g. a run's introductions). */
    async progress(prefix: string): Promise<DeliveryCounts> {
      const where = (status: OutboxStatus) => ({ dedupeKey: { $startsWith: prefix }, status });
      const [queued, sent, failed] = await Promise.all((['pending', 'sent', 'failed'] as const).map((status) => outbox().count({ where: where(status) })));
      return { queued: queued ?? 0, sent: sent ?? 0, failed: failed ?? 0 };
    },
  };
  return service;
};

export type NotificationsService = ReturnType<typeof notifications>;
export default notifications;
