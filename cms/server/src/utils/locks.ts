import type { Core } from '@strapi/strapi';
import { UID } from './uids';

/**
 * The plugin's one lock order, so no two transactions can wait on each other in a circle:
 * first profiles, by id ascending (both sides of a pair, in one statement), then requests, by id
 * ascending. A matching run's row is locked before anything else by the approval alone.
 * Call inside a transaction; on SQLite, which runs one transaction at a time, these are no-ops.
 */
export const lockProfiles = async (strapi: Core.Strapi, ids: number[]): Promise<void> => {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (sorted.length === 0) return;
  await strapi.db.queryBuilder(UID.profile).select(['id']).where({ id: { $in: sorted } }).orderBy({ id: 'asc' }).forUpdate().execute();
};

export const lockRequests = async (strapi: Core.Strapi, ids: number[]): Promise<void> => {
  const sorted = [...new Set(ids)].sort((a, b) => a - b);
  if (sorted.length === 0) return;
  await strapi.db.queryBuilder(UID.request).select(['id']).where({ id: { $in: sorted } }).orderBy({ id: 'asc' }).forUpdate().execute();
};
