import type { Core } from '@strapi/strapi';
import { isDeepStrictEqual } from 'util';
import { ACTIONS } from '../utils/actions';
import { forbidden } from '../utils/errors';
import { UID } from '../utils/uids';

/**
 * The plugin's rules on the Content Manager's own routes, so it is no side door around the
 * plugin's workflows and permissions:
 * - the plugin's data is read with the plugin's "read" action and changed with "Manage programs and
 *   directory listings", whatever Content Manager permissions a role holds;
 * - workflow records (requests, mentorships, check-ins, runs, outbox, audit entries) are changed only
 *   by the plugin's services, which the staff pages call (with the permission, the e-mail and the
 *   audit entry); the Content Manager shows them but refuses every write;
 * - a profile's status, member, program, role and review dates belong to enrollment and review, and a
 *   listing follows its profile: editors may change the rest of a profile, and only hide or feature a
 *   listing. Members enroll through the members' API, so profiles and listings are not created or
 *   deleted here.
 */
export const WORKFLOW_TYPES: readonly string[] = [UID.request, UID.mentorship, UID.checkIn, UID.matchingRun, UID.outbox, UID.auditEntry];

/** Per partly editable type, the attributes an editor may change (the rest are read-only). */
export const EDITABLE_ONLY: Readonly<Record<string, readonly string[]>> = {
  [UID.profile]: ['displayName', 'answers', 'availability', 'awayUntil', 'capacity', 'bio', 'careerPath'],
  [UID.listing]: ['hidden', 'featured'],
};

/** Keys the Content Manager sends with every document that are not the document's content. */
const SYSTEM_KEYS = new Set(['id', 'documentId', 'createdAt', 'updatedAt', 'publishedAt', 'createdBy', 'updatedBy', 'locale', 'localizations', 'status']);

const READ_ROUTES = /\/actions\/(bulkFindForValidation|countDraftRelations|countManyEntriesDraftRelations)$/;

type Attribute = { type: string };

const blank = (value: unknown) => value === undefined || value === null || value === '';

/** A stored or sent instant as milliseconds, whether a Date, epoch milliseconds or an ISO string. */
const timeOf = (value: unknown): number => (value instanceof Date ? value.getTime() : typeof value === 'number' ? value : new Date(String(value)).getTime());
const dayOf = (value: unknown): string => (value instanceof Date || typeof value === 'number' ? new Date(timeOf(value)).toISOString() : String(value)).slice(0, 10);

/** Whether a value sent by the Content Manager leaves the stored one as it is. */
const unchanged = (attribute: Attribute, sent: unknown, stored: unknown): boolean => {
  if (attribute.type === 'relation' || attribute.type === 'media') {
    if (sent && typeof sent === 'object' && !Array.isArray(sent)) {
      const { connect, disconnect, set } = sent as { connect?: unknown[]; disconnect?: unknown[]; set?: unknown[] };
      return (connect ?? []).length === 0 && (disconnect ?? []).length === 0 && set === undefined;
    }
    return sent === undefined;
  }
  if (blank(sent) && blank(stored)) return true;
  if (blank(sent) !== blank(stored)) return false;
  switch (attribute.type) {
    case 'date':
      return dayOf(sent) === dayOf(stored);
    case 'datetime':
    case 'timestamp':
      return timeOf(sent) === timeOf(stored);
    case 'integer':
    case 'biginteger':
    case 'decimal':
    case 'float':
      return Number(sent) === Number(stored);
    case 'boolean':
      return Boolean(sent) === Boolean(stored);
    case 'json': {
      const parse = (value: unknown) => {
        if (typeof value !== 'string') return value;
        try {
          return JSON.parse(value);
        } catch {
          return value;
        }
      };
      return isDeepStrictEqual(parse(sent), parse(stored));
    }
    default:
      return String(sent) === String(stored);
  }
};

type PolicyContext = {
  request: { method: string; body?: unknown };
  path?: string;
  params: { model?: string; id?: string };
  state: { userAbility?: { can: (action: string, subject?: unknown) => boolean } };
};

const contentManagerGuard = async (ctx: PolicyContext, _config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  const uid = ctx.params.model;
  if (!uid || !uid.startsWith('plugin::mentorship.')) return true;
  const can = (action: string) => Boolean(ctx.state.userAbility?.can(action));
  const reading = ctx.request.method === 'GET' || READ_ROUTES.test(ctx.path ?? '');
  if (reading) {
    if (!can(ACTIONS.read)) throw forbidden('Seeing the mentorship plugin\'s content needs the "See programs, applications, runs and mentorships" permission.');
    return true;
  }
  if (WORKFLOW_TYPES.includes(uid)) {
    throw forbidden('This record belongs to a workflow and is changed on the Mentorship pages (approve, end, reassign...), where the permission, the e-mails and the audit entry follow; the Content Manager only shows it.');
  }
  if (!can(ACTIONS.managePrograms)) {
    throw forbidden('Changing the mentorship plugin\'s content needs the "Manage programs and directory listings" permission.');
  }
  const editable = EDITABLE_ONLY[uid];
  if (!editable) return true;

  const isUpdate = ctx.request.method === 'PUT' && Boolean(ctx.params.id) && !/\/actions\//.test(ctx.path ?? '');
  if (!isUpdate) {
    throw forbidden(
      uid === UID.profile
        ? 'Members create and withdraw their own profiles; staff review them on the Applications page.'
        : 'A directory listing follows its mentor profile: hide or feature it instead.',
    );
  }
  const stored = (await strapi.db.query(uid as typeof UID.profile).findOne({ where: { documentId: ctx.params.id } })) as Record<string, unknown> | null;
  if (!stored) return true; // the Content Manager answers 404 itself
  const attributes = strapi.getModel(uid as typeof UID.profile).attributes as Record<string, Attribute>;
  const body = (ctx.request.body ?? {}) as Record<string, unknown>;
  const changed = Object.keys(body).filter(
    (key) => !SYSTEM_KEYS.has(key) && !editable.includes(key) && attributes[key] && !unchanged(attributes[key], body[key], stored[key]),
  );
  if (changed.length > 0) {
    throw forbidden(
      `${changed.join(', ')} ${changed.length === 1 ? 'is' : 'are'} kept by the plugin's workflow and cannot be changed in the Content Manager; ` +
        (uid === UID.profile ? 'review applications on the Mentorship pages.' : 'only hidden and featured can be changed on a listing.'),
      { fields: changed },
    );
  }
  return true;
};

export default contentManagerGuard;
